/**
 * Baseplate's Resource Manager client on its own, against scripted answers: the
 * two ways Resource Manager tracks a long-running operation (Learn "Track
 * asynchronous Azure operations": Azure-AsyncOperation, else Location; Retry-After
 * in seconds), nextLink paging, retries, and errors. Waits are read off the test
 * clock: nothing sleeps.
 */
import assert from 'node:assert/strict';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';
import { RestError } from '@azure/core-rest-pipeline';
import type { Connection } from '../src/deploy/arm.js';
import { ArmClient, OperationFailedError, OperationTimeoutError } from '../src/deploy/arm.js';
import { AzureOperationError, requestFailure } from '../src/deploy/errors.js';
import { TestClock } from './support/stand-in/clock.js';
import { testServerCertificate } from './support/tls.js';

interface Answer {
  readonly status: number;
  readonly headers?: Record<string, string>;
  readonly body?: unknown;
}

interface Seen {
  readonly method: string;
  readonly url: string;
  readonly authorization: string | undefined;
  readonly body: string;
}

describe("Baseplate's Resource Manager client", () => {
  const { key, cert } = testServerCertificate();
  /** Answers by "METHOD path", each list taken in order. */
  let script = new Map<string, Answer[]>();
  const seen: Seen[] = [];
  let base = '';
  const clock = new TestClock();
  const server = createServer({ key, cert }, (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', base);
      seen.push({
        method: req.method ?? '',
        url: url.toString(),
        authorization: req.headers.authorization,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      const answer = script.get(`${req.method ?? ''} ${url.pathname}`)?.shift() ?? { status: 404 };
      res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
      res.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
    });
  });
  const connection = (overrides: Partial<Connection> = {}): Connection => ({
    credential: {
      getToken: () => Promise.resolve({ token: 'test-token', expiresOnTimestamp: Date.now() + 3_600_000 }),
    },
    endpoint: base,
    tlsOptions: { ca: cert },
    retryOptions: { maxRetries: 2, retryDelayInMs: 1000, maxRetryDelayInMs: 8000 },
    pollIntervalMs: 7000,
    timeoutMs: 60_000,
    requestTimeoutMs: 30_000,
    clock,
    ...overrides,
  });
  const arm = (overrides: Partial<Connection> = {}) => new ArmClient(connection(overrides), 'sub-1');

  before(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  beforeEach(() => {
    script = new Map();
    seen.length = 0;
    clock.reset();
  });

  it('sends the api-version and the bearer token, and reads the body', async () => {
    script.set('GET /subscriptions/sub-1/providers/Microsoft.X', [
      { status: 200, body: { registrationState: 'Registered' } },
    ]);
    const client = arm();
    assert.deepEqual(
      await client.get(client.sub('/providers/Microsoft.X'), '2025-04-01', { $filter: "location eq 'x y'" }),
      {
        registrationState: 'Registered',
      },
    );
    const [request] = seen;
    assert.equal(request?.authorization, 'Bearer test-token');
    assert.equal(new URL(request?.url ?? '').searchParams.get('api-version'), '2025-04-01');
    assert.equal(new URL(request?.url ?? '').searchParams.get('$filter'), "location eq 'x y'");
  });

  it('follows Azure-AsyncOperation, waiting what Retry-After says, then reads the resource a PUT made', async () => {
    const status = `${base}/operations/op1?api-version=2025-04-01`;
    script.set('PUT /r/thing', [
      { status: 201, headers: { 'Azure-AsyncOperation': status, 'Retry-After': '3' } },
    ]);
    script.set('GET /operations/op1', [
      { status: 200, headers: { 'Retry-After': '5' }, body: { status: 'InProgress' } },
      { status: 200, body: { status: 'Succeeded' } },
    ]);
    script.set('GET /r/thing', [
      { status: 200, body: { name: 'thing', properties: { provisioningState: 'Succeeded' } } },
    ]);
    const result = await arm().run('PUT', '/r/thing', '2025-04-01', { properties: {} });
    assert.deepEqual(result, { name: 'thing', properties: { provisioningState: 'Succeeded' } });
    // Retry-After 3 with the put, then 5 with the first poll.
    assert.deepEqual(clock.waits, [3000, 5000]);
    assert.deepEqual(
      seen.map((s) => `${s.method} ${new URL(s.url).pathname}`),
      ['PUT /r/thing', 'GET /operations/op1', 'GET /operations/op1', 'GET /r/thing'],
    );
  });

  it('ends a DELETE whose Azure-AsyncOperation succeeded there, never reading its Location', async () => {
    // Learn, "Track asynchronous Azure operations": Location is for when Azure-AsyncOperation is not returned.
    script.set('DELETE /r/gone', [
      {
        status: 202,
        headers: { 'Azure-AsyncOperation': `${base}/operations/op3`, Location: `${base}/results/3` },
      },
    ]);
    script.set('GET /operations/op3', [{ status: 200, body: { status: 'Succeeded' } }]);
    script.set('GET /results/3', [{ status: 404, body: { error: { code: 'NotFound', message: 'gone' } } }]);
    assert.equal(await arm().run('DELETE', '/r/gone', '1'), undefined);
    assert.deepEqual(
      seen.map((s) => `${s.method} ${new URL(s.url).pathname}`),
      ['DELETE /r/gone', 'GET /operations/op3'],
    );
  });

  it('reports an operation Azure failed with its error, as an Azure failure', async () => {
    script.set('POST /r/thing/act', [
      { status: 202, headers: { 'Azure-AsyncOperation': `${base}/operations/op2` } },
    ]);
    script.set('GET /operations/op2', [
      {
        status: 200,
        body: {
          status: 'Failed',
          error: { code: 'Conflict', message: 'Busy.', details: [{ code: 'Inner', message: 'Why.' }] },
        },
      },
    ]);
    const failure = await arm()
      .run('POST', '/r/thing/act', '1')
      .then(
        () => assert.fail('expected a failure'),
        (error: unknown) => error,
      );
    assert.ok(failure instanceof OperationFailedError);
    const reported = requestFailure('acting', failure);
    assert.ok(reported instanceof AzureOperationError);
    assert.deepEqual(
      reported.failures.map((f) => [f.code, f.message]),
      [
        ['Conflict', 'Busy.'],
        ['Inner', 'Why.'],
      ],
    );
    assert.deepEqual(clock.waits, [7000], 'no Retry-After: the connection poll interval');
  });

  it('follows Location: 202 while it runs, then the result, or the error status it failed with', async () => {
    script.set('POST /r/a/whatIf', [
      { status: 202, headers: { Location: `${base}/results/1`, 'Retry-After': '0' } },
    ]);
    script.set('GET /results/1', [
      { status: 202, headers: { Location: `${base}/results/1`, 'Retry-After': '2' } },
      { status: 200, body: { status: 'Succeeded', properties: { changes: [] } } },
    ]);
    assert.deepEqual(await arm().run('POST', '/r/a/whatIf', '1', {}), {
      status: 'Succeeded',
      properties: { changes: [] },
    });
    assert.deepEqual(clock.waits, [0, 2000]);

    script.set('DELETE /r/b', [{ status: 202, headers: { Location: `${base}/results/2` } }]);
    script.set('GET /results/2', [
      { status: 409, body: { error: { code: 'InUse', message: 'Still used.' } } },
    ]);
    await assert.rejects(arm().run('DELETE', '/r/b', '1'), (error: unknown) => {
      assert.ok(error instanceof RestError);
      assert.equal(error.statusCode, 409);
      assert.equal(error.code, 'InUse');
      assert.equal(error.message, 'Still used.');
      return true;
    });

    // A DELETE of nothing (204) or done at once (200) is not polled.
    script.set('DELETE /r/c', [{ status: 204 }]);
    assert.equal(await arm().run('DELETE', '/r/c', '1'), undefined);
  });

  it('gives up on an operation that outlasts the time-out, on the clock, without waiting for real', async () => {
    const running = { status: 202, headers: { Location: `${base}/results/3`, 'Retry-After': '10' } };
    script.set('DELETE /r/slow', [running]);
    script.set(
      'GET /results/3',
      Array.from({ length: 10 }, () => running),
    );
    await assert.rejects(arm({ timeoutMs: 25_000 }).run('DELETE', '/r/slow', '1'), OperationTimeoutError);
    assert.deepEqual(clock.waits, [10_000, 10_000, 10_000]);
  });

  it('reads every page by nextLink, an absolute URL taken as it is', async () => {
    script.set('GET /list', [
      { status: 200, body: { value: [1, 2], nextLink: `${base}/list?api-version=9&$skiptoken=2` } },
      { status: 200, body: { value: [3], nextLink: `${base}/list?api-version=9&$skiptoken=3` } },
      { status: 200, body: { value: [4], nextLink: null } },
    ]);
    assert.deepEqual(await arm().list('/list', '9'), [1, 2, 3, 4]);
    assert.deepEqual(
      seen.map((s) => new URL(s.url).search),
      ['?api-version=9', '?api-version=9&$skiptoken=2', '?api-version=9&$skiptoken=3'],
    );
  });

  it('retries as told (Retry-After, retry-after-ms), backs off otherwise, and gives up after maxRetries', async () => {
    script.set('GET /busy', [
      { status: 503, headers: { 'retry-after-ms': '250' } },
      { status: 429, headers: { 'Retry-After': '2' } },
      { status: 429 },
      { status: 200, body: { ok: true } },
    ]);
    assert.deepEqual(await arm({ retryOptions: { maxRetries: 3, retryDelayInMs: 1000 } }).get('/busy', '1'), {
      ok: true,
    });
    const [ms, seconds, bare] = clock.waits;
    assert.deepEqual([ms, seconds], [250, 2000]);
    // The third retry (attempt 2) backs off 2–4 s from 1 s doubled twice.
    assert.ok(bare !== undefined && bare >= 2000 && bare <= 4000, `bare 429 waited ${bare}`);

    clock.reset();
    script.set(
      'GET /down',
      Array.from({ length: 5 }, () => ({ status: 500, body: { error: { code: 'Oops', message: 'Down.' } } })),
    );
    await assert.rejects(
      arm().get('/down', '1'),
      (error: unknown) => error instanceof RestError && error.code === 'Oops',
    );
    assert.equal(
      seen.filter((s) => new URL(s.url).pathname === '/down').length,
      3,
      'maxRetries 2: three attempts',
    );
    assert.equal(clock.waits.length, 2);

    // A client error is Azure's answer, not a fault: never retried.
    script.set('GET /bad', [{ status: 400, body: { error: { code: 'InvalidTemplate', message: 'No.' } } }]);
    await assert.rejects(arm().get('/bad', '1'), /No\./);
    assert.equal(seen.filter((s) => new URL(s.url).pathname === '/bad').length, 1);
  });

  it('answers HEAD: 204 exists, 404 does not, anything else is an error', async () => {
    script.set('HEAD /g/yes', [{ status: 204 }]);
    script.set('HEAD /g/no', [{ status: 404 }]);
    script.set('HEAD /g/forbidden', [{ status: 403 }]);
    assert.equal(await arm().exists('/g/yes', '1'), true);
    assert.equal(await arm().exists('/g/no', '1'), false);
    await assert.rejects(arm().exists('/g/forbidden', '1'), RestError);
  });
});
