/**
 * Baseplate's Resource Manager client on its own, against scripted answers: the
 * two ways Resource Manager tracks a long-running operation (Learn "Track
 * asynchronous Azure operations": Azure-AsyncOperation, else Location; Retry-After
 * in seconds or as an HTTP date), nextLink paging, retries (time-outs, another
 * operation in progress, a gateway's HTML page), an expired token, and how errors
 * are told: their innermost causes. Waits are read off the test clock: nothing
 * sleeps, and a request that hangs times out on that clock.
 */
import assert from 'node:assert/strict';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';
import { RestError } from '@azure/core-rest-pipeline';
import type { Connection } from '../src/deploy/arm.js';
import { ArmClient, OperationFailedError, OperationTimeoutError } from '../src/deploy/arm.js';
import { AzureOperationError, requestFailure, rootCauses } from '../src/deploy/errors.js';
import { RequestTimeoutError } from '../src/deploy/transport.js';
import { TestClock } from './support/stand-in/clock.js';
import { testServerCertificate } from './support/tls.js';

interface Answer {
  readonly status: number;
  readonly headers?: Record<string, string>;
  readonly body?: unknown;
  /** Sent as it is, not as JSON (a gateway's HTML page). */
  readonly text?: string;
  /** Never answered: the client's time-out must end it. */
  readonly hang?: boolean;
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
  const hanging = new Set<ServerResponse>();
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
      if (answer.hang) {
        hanging.add(res);
        return clock.expire();
      }
      res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
      res.end(answer.text ?? (answer.body === undefined ? '' : JSON.stringify(answer.body)));
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
        for (const res of hanging) res.destroy();
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
  it("reads a Retry-After given as an HTTP date against the connection's clock, not the machine's", async () => {
    // RFC 9110 §10.2.3: Retry-After is seconds or an HTTP date; the date is read on the clock deploy waits on.
    clock.time = Date.parse('2031-05-01T10:00:00Z');
    script.set('GET /throttled', [
      { status: 429, headers: { 'Retry-After': 'Thu, 01 May 2031 10:00:07 GMT' } },
      { status: 200, body: { ok: true } },
    ]);
    assert.deepEqual(await arm().get('/throttled', '1'), { ok: true });
    script.set('DELETE /r/dated', [
      {
        status: 202,
        headers: { Location: `${base}/results/9`, 'Retry-After': 'Thu, 01 May 2031 10:00:12 GMT' },
      },
    ]);
    script.set('GET /results/9', [{ status: 204 }]);
    await arm().run('DELETE', '/r/dated', '1');
    // 7 s for the throttled read, then 12 s − the 7 s already waited for the poll.
    assert.deepEqual(clock.waits, [7000, 5000]);
  });

  it('retries an attempt that times out, on the clock, and says how long and how often after the last', async () => {
    script.set('GET /slow', [
      { status: 0, hang: true },
      { status: 200, body: { ok: true } },
    ]);
    assert.deepEqual(await arm().get('/slow', '1'), { ok: true });
    assert.equal(clock.waits.length, 1, 'one backoff before the second attempt');

    script.set(
      'GET /silent',
      Array.from({ length: 3 }, () => ({ status: 0, hang: true })),
    );
    const failure = await arm()
      .get('/silent', '1')
      .then(
        () => assert.fail('expected a time-out'),
        (error: unknown) => error,
      );
    assert.ok(failure instanceof RequestTimeoutError, String(failure));
    assert.equal(failure.attempts, 3, 'maxRetries 2: three attempts');
    const reported = requestFailure('reading /silent', failure);
    assert.deepEqual(
      reported.failures.map((f) => [f.code, f.message]),
      [['Timeout', 'no answer to GET /silent within 30 s, 3 attempt(s): Azure did not answer.']],
    );
    assert.match(reported.advice ?? '', /network path to Azure Resource Manager/);
  });

  it('follows a nextLink on its own host only, with the api-version added or put back', async () => {
    // Azure SDK guidelines: "DO add or replace the api-version query parameter on any URI returned by the service".
    script.set('GET /pages', [
      { status: 200, body: { value: [1], nextLink: `${base}/pages?$skipToken=b2Zmc2V0OjE` } },
      { status: 200, body: { value: [2], nextLink: `${base}/pages?api-version=2019-01-01&$skipToken=Mg` } },
      { status: 200, body: { value: [3], nextLink: '/pages?$skipToken=Mw' } },
      { status: 200, body: { value: [4] } },
    ]);
    assert.deepEqual(await arm().list('/pages', '2025-04-01'), [1, 2, 3, 4]);
    assert.deepEqual(
      seen.map((s) => new URL(s.url).search),
      [
        '?api-version=2025-04-01',
        '?$skipToken=b2Zmc2V0OjE&api-version=2025-04-01',
        '?api-version=2025-04-01&$skipToken=Mg',
        '?$skipToken=Mw&api-version=2025-04-01',
      ],
    );

    // A link to another host would take the bearer token with it: not followed.
    seen.length = 0;
    script.set('GET /leaky', [
      { status: 200, body: { value: [1], nextLink: 'https://collector.example/pages?$skipToken=1' } },
    ]);
    await assert.rejects(arm().list('/leaky', '1'), /link to another host \(https:\/\/collector\.example/);
    assert.deepEqual(
      seen.map((s) => new URL(s.url).pathname),
      ['/leaky'],
    );
  });

  it('retries 409 AnotherOperationInProgress after its Retry-After; any other conflict is an answer', async () => {
    script.set('DELETE /r/busy', [
      {
        status: 409,
        headers: { 'Retry-After': '20' },
        body: { error: { code: 'AnotherOperationInProgress', message: 'Another operation is in progress.' } },
      },
      { status: 200 },
    ]);
    await arm().run('DELETE', '/r/busy', '1');
    assert.deepEqual(clock.waits, [20_000]);
    script.set('DELETE /r/conflict', [
      { status: 409, body: { error: { code: 'Conflict', message: 'Not in this state.' } } },
    ]);
    await assert.rejects(arm().run('DELETE', '/r/conflict', '1'), /Not in this state/);
    assert.equal(seen.filter((s) => new URL(s.url).pathname === '/r/conflict').length, 1);
  });

  it('asks the credential for a new token once when Azure says the one sent expired', async () => {
    let issued = 0;
    const client = arm({
      credential: {
        getToken: () =>
          Promise.resolve({ token: `token-${++issued}`, expiresOnTimestamp: Date.now() + 3_600_000 }),
      },
    });
    const expired = {
      status: 401,
      headers: {
        'WWW-Authenticate':
          'Bearer authorization_uri="https://login.microsoftonline.com/common", error="invalid_token", error_description="The access token has expired."',
      },
      body: {
        error: {
          code: 'ExpiredAuthenticationToken',
          message:
            "The access token expiry UTC time '5/14/2031 8:22:51 AM' is earlier than current UTC time '5/14/2031 9:27:25 AM'.",
        },
      },
    };
    script.set('GET /me', [
      expired,
      { status: 200, body: { ok: true } },
      { status: 200, body: { ok: true } },
    ]);
    assert.deepEqual(await client.get('/me', '1'), { ok: true });
    assert.deepEqual(await client.get('/me', '1'), { ok: true });
    // The new token serves the next requests too.
    assert.deepEqual(
      seen.map((s) => s.authorization),
      ['Bearer token-1', 'Bearer token-2', 'Bearer token-2'],
    );

    // Refused again: the answer, told with what to do. A 403 is no token problem: never asked again.
    script.set('GET /still', [expired, expired]);
    const failure = await client.get('/still', '1').then(
      () => assert.fail('expected a refusal'),
      (error: unknown) => error,
    );
    const reported = requestFailure('reading /still', failure);
    assert.equal(reported.failures[0]?.code, 'ExpiredAuthenticationToken');
    assert.match(reported.advice ?? '', /sign in again \(az login/);
    const before = issued;
    script.set('GET /forbidden', [
      { status: 403, body: { error: { code: 'AuthorizationFailed', message: 'No.' } } },
    ]);
    await assert.rejects(client.get('/forbidden', '1'), /No\./);
    assert.equal(issued, before);
  });

  it("retries a gateway's HTML 5xx, and names the page when it stays", async () => {
    const page = {
      status: 502,
      headers: { 'content-type': 'text/html' },
      text: '<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>',
    };
    script.set('GET /gw', [page, { status: 200, body: { ok: true } }]);
    assert.deepEqual(await arm().get('/gw', '1'), { ok: true });
    script.set('GET /gw-down', [page, page, page]);
    await assert.rejects(arm().get('/gw-down', '1'), (error: unknown) => {
      assert.ok(error instanceof RestError);
      assert.equal(error.statusCode, 502);
      assert.equal(
        error.message,
        'Resource Manager answered 502 with an HTML page ("502 Bad Gateway"), not JSON: a gateway or proxy answered',
      );
      return true;
    });
    // A proxy's page with 200 is no answer either, and says so.
    script.set('GET /proxy', [{ ...page, status: 200 }]);
    await assert.rejects(arm().get('/proxy', '1'), /answered 200 with an HTML page \("502 Bad Gateway"\)/);
  });
});

describe('the innermost causes of an Azure error', () => {
  it('opens ResourceDeploymentFailure to the cause in its details (Azure/aks-engine#802)', () => {
    assert.deepEqual(
      rootCauses({
        code: 'ResourceDeploymentFailure',
        message: "The resource operation completed with terminal provisioning state 'Failed'.",
        details: [
          {
            code: 'VMExtensionProvisioningTimeout',
            message: "Provisioning of VM extension 'cse' has timed out.",
          },
        ],
      }),
      [
        {
          code: 'VMExtensionProvisioningTimeout',
          message: "Provisioning of VM extension 'cse' has timed out.",
        },
      ],
    );
  });

  it('opens a status message given as JSON text inside a detail (microsoft/openshift-origin#29)', () => {
    const inner = JSON.stringify({
      status: 'Failed',
      error: {
        code: 'ResourceDeploymentFailure',
        message: "The resource operation completed with terminal provisioning state 'Failed'.",
        details: [
          {
            code: 'VMExtensionProvisioningError',
            message: "VM has reported a failure when processing extension 'deployOpenShift'.",
          },
        ],
      },
    });
    assert.deepEqual(
      rootCauses({
        code: 'ResourceDeploymentFailure',
        message: "The resource operation completed with terminal provisioning state 'Failed'.",
        details: [
          {
            code: 'DeploymentFailed',
            message: 'At least one resource deployment operation failed.',
            details: [{ code: 'Conflict', message: inner }],
          },
        ],
      }),
      [
        {
          code: 'VMExtensionProvisioningError',
          message: "VM has reported a failure when processing extension 'deployOpenShift'.",
        },
      ],
    );
  });

  it('keeps the nearest target, every distinct cause once, and an error without details as it is', () => {
    assert.deepEqual(
      rootCauses({
        code: 'DeploymentFailed',
        message: 'At least one resource deployment operation failed.',
        details: [
          { code: 'A', message: 'a', target: '/subscriptions/s/x', details: [{ code: 'B', message: 'b' }] },
          { code: 'C', message: 'c', target: 'properties.subnets[0]' },
          { code: 'C', message: 'c', target: 'properties.subnets[0]' },
        ],
      }),
      [
        { code: 'B', message: 'b', target: '/subscriptions/s/x' },
        { code: 'C', message: 'c', target: 'properties.subnets[0]' },
      ],
    );
    assert.deepEqual(rootCauses({ code: 'DeploymentFailed', message: 'Why.' }), [
      { code: 'DeploymentFailed', message: 'Why.' },
    ]);
  });
});
