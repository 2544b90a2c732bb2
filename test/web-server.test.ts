/**
 * `baseplate serve`: the configurator's files on 127.0.0.1 and nothing else;
 * the initial configuration checked as `plan` checks it; no way out of the
 * page's folder.
 */
import assert from 'node:assert/strict';
import { chmodSync, cpSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';

import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathSegments, startServer } from '../src/cli/commands/serve.js';
import { repoRoot, temporaryFolders } from './helpers.js';
import type { Serving } from './support/cli.js';
import { listening, runCli, serveCli, START_MS, startCli } from './support/cli.js';

interface Reply {
  readonly status: number;
  readonly type: string | undefined;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

/** A request sent exactly as written: no client normalises `..` away. */
function get(
  url: string,
  path: string,
  method = 'GET',
  host?: string,
  more: Record<string, string> = {},
): Promise<Reply> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request(
      { hostname, port, path, method, headers: { ...(host ? { host } : {}), ...more } },
      (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            type: res.headers['content-type'],
            headers: res.headers,
            body,
          }),
        );
      },
    );
    req.on('error', reject);
    req.end();
  });
}

const workspace = temporaryFolders('serve');

describe('baseplate serve', () => {
  let served: Serving;
  before(async () => {
    served = await serveCli(workspace());
  });
  after(async () => {
    const stopped = await served.stop();
    assert.equal(stopped.code, 0, stopped.stderr);
    assert.equal(
      stopped.stdout,
      `Baseplate configurator: ${served.url} (only this machine can open it; Ctrl+C stops it)\n`,
    );
  });

  it('listens on 127.0.0.1 and serves the page with its content types', async () => {
    assert.match(served.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
    const page = await get(served.url, '/');
    assert.equal(page.status, 200);
    assert.equal(page.type, 'text/html; charset=utf-8');
    assert.match(page.body, /<script type="module" src="app\.js"><\/script>/);
    assert.match(String(page.headers['content-security-policy']), /connect-src 'self'/);
    assert.equal(page.headers['x-content-type-options'], 'nosniff');
    assert.equal((await get(served.url, '/app.js')).type, 'text/javascript; charset=utf-8');
    assert.equal((await get(served.url, '/styles.css')).type, 'text/css; charset=utf-8');
    const head = await get(served.url, '/index.html', 'HEAD');
    assert.equal(head.status, 200);
    assert.equal(head.body, '');
    assert.equal((await get(served.url, '/missing.js')).status, 404);
  });

  it('has no initial configuration to offer without one', async () => {
    assert.equal((await get(served.url, '/config.json')).status, 204);
  });

  it('refuses every way out of the page folder', async () => {
    for (const path of [
      '/../package.json',
      '/../../package.json',
      '/%2e%2e/package.json',
      '/%2E%2E/%2E%2E/package.json',
      '/..%2fpackage.json',
      '/..%2F..%2Fpackage.json',
      '/..\\package.json',
      '/..%5cpackage.json',
      '//etc/passwd',
      '/%2fetc%2fpasswd',
      '/.%2e/package.json',
      '/app.js%00.html',
      '/%',
      'package.json',
    ]) {
      const reply = await get(served.url, path);
      assert.ok(reply.status === 400 || reply.status === 404, `${path}: ${reply.status}`);
      assert.doesNotMatch(reply.body, /"name": "aks-baseplate"|root:/, path);
    }
  });

  it('refuses other methods and requests addressed to another host (DNS rebinding)', async () => {
    assert.equal((await get(served.url, '/', 'POST')).status, 405);
    assert.equal((await get(served.url, '/', 'GET', 'attacker.example:80')).status, 421);
    const port = new URL(served.url).port;
    assert.equal((await get(served.url, '/', 'GET', `localhost:${port}`)).status, 200);
  });

  it('reads only plain path segments', () => {
    assert.deepEqual(pathSegments('/'), []);
    assert.deepEqual(pathSegments('/app.js?v=1#x'), ['app.js']);
    assert.deepEqual(pathSegments('/a%20b.txt'), ['a b.txt']);
    for (const bad of ['/..', '/.hidden', '/a//b', '/a/../b', '/%2e%2e', '/a%2fb', '/%zz']) {
      assert.equal(pathSegments(bad), undefined, bad);
    }
  });
});

describe('baseplate serve --config', () => {
  it('offers the configuration to the page, as written', async () => {
    const dir = workspace();
    const text = 'preset: dev # for the demo\n';
    writeFileSync(join(dir, 'demo.yaml'), text);
    const served = await serveCli(dir, '--config', 'demo.yaml');
    try {
      const reply = await get(served.url, '/config.json');
      assert.equal(reply.status, 200);
      assert.equal(reply.type, 'application/json; charset=utf-8');
      assert.deepEqual(JSON.parse(reply.body), { name: 'demo.yaml', text });
    } finally {
      await served.stop();
    }
  });

  it('hides every credential-shaped value of the text it gives the page, and says so', async () => {
    const dir = workspace();
    const token = `ghp_${'Ab1'.repeat(12)}`;
    const text = `# deployed with https://flux:${token}@github.com/contoso/gitops\npreset: dev\n`;
    writeFileSync(join(dir, 'demo.yaml'), text);
    const served = await serveCli(dir, '--config', 'demo.yaml');
    let reply: Reply;
    try {
      reply = await get(served.url, '/config.json');
    } finally {
      const stopped = await served.stop();
      assert.match(stopped.stderr, /^warning: demo\.yaml: 1 credential-shaped value\(s\), in comments/m);
      assert.ok(!stopped.stderr.includes(token));
    }
    assert.equal(reply.status, 200);
    assert.ok(!reply.body.includes(token), reply.body);
    assert.deepEqual(JSON.parse(reply.body), {
      name: 'demo.yaml',
      text: '# deployed with <redacted>github.com/contoso/gitops\npreset: dev\n',
    });
  });

  it('gives the configuration to its own page only, not to a page of another origin', async () => {
    const dir = workspace();
    writeFileSync(join(dir, 'demo.yaml'), 'preset: dev\n');
    const served = await serveCli(dir, '--config', 'demo.yaml');
    try {
      const { port } = new URL(served.url);
      const own = { origin: `http://127.0.0.1:${port}`, 'sec-fetch-site': 'same-origin' };
      assert.equal((await get(served.url, '/config.json', 'GET', undefined, own)).status, 200);
      // Opened by hand (the address bar), and by a program that is no browser.
      assert.equal(
        (await get(served.url, '/config.json', 'GET', undefined, { 'sec-fetch-site': 'none' })).status,
        200,
      );
      assert.equal((await get(served.url, '/config.json')).status, 200);
      const others: ReadonlyArray<Record<string, string>> = [
        { origin: 'https://attacker.example', 'sec-fetch-site': 'cross-site' },
        { 'sec-fetch-site': 'cross-site' },
        { origin: 'http://127.0.0.1:3000', 'sec-fetch-site': 'same-site' },
        { origin: 'http://attacker.example' },
        { origin: 'null' },
      ];
      for (const headers of others) {
        const reply = await get(served.url, '/config.json', 'GET', undefined, headers);
        assert.equal(reply.status, 403, JSON.stringify(headers));
        assert.doesNotMatch(reply.body, /preset/);
      }
      // The page itself opens from anywhere; no other origin may embed what it serves.
      const page = await get(served.url, '/', 'GET', undefined, { 'sec-fetch-site': 'cross-site' });
      assert.equal(page.status, 200);
      assert.equal(page.headers['cross-origin-resource-policy'], 'same-origin');
    } finally {
      await served.stop();
    }
  });

  it('refuses a configuration with a credential in a value, without echoing it (exit 2)', async () => {
    const dir = workspace();
    writeFileSync(
      join(dir, 'keyed.yaml'),
      'monitoring:\n  kubernetesVersionWebhook: https://hooks:s3cr3tkey1@contoso.example/x\n',
    );
    // Served, it would be stopped and the test would fail; refused, the command ends on its own.
    const ended = await serveCli(dir, '--config', 'keyed.yaml').then(
      async (served) => `served, then stopped with ${(await served.stop()).code}`,
      (error: unknown) => String(error),
    );
    assert.match(ended, /serve ended with exit code 2: /);
    assert.match(ended, /monitoring\.kubernetesVersionWebhook: must not carry a user or password/);
    assert.ok(!ended.includes('s3cr3tkey1'));
    assert.match(ended, /nothing was served/);
  });

  it('reads ./baseplate.yaml from its working folder when there is one', async () => {
    const dir = workspace();
    writeFileSync(join(dir, 'baseplate.yaml'), 'zones: [1, 2]\n');
    const served = await serveCli(dir);
    try {
      const reply = await get(served.url, '/config.json');
      assert.deepEqual(JSON.parse(reply.body), { name: 'baseplate.yaml', text: 'zones: [1, 2]\n' });
    } finally {
      await served.stop();
    }
  });

  it('refuses a bad configuration with the messages plan prints, and exit code 2, before serving', async () => {
    const dir = workspace();
    writeFileSync(
      join(dir, 'bad.yaml'),
      "spokes:\n  - name: '00'\n    addressSpace: 10.240.0.0/16\n    cluster:\n      network:\n        podCidr: 10.240.0.0/16\n",
    );
    const run = await runCli(['serve', '--port', '0', '--config', 'bad.yaml'], { cwd: dir });
    assert.equal(run.code, 2);
    assert.equal(run.stdout, '');
    const planned = await runCli(['plan', '--config', 'bad.yaml'], { cwd: dir });
    assert.equal(planned.code, 2);
    const message =
      /^bad\.yaml:6:18: error: spokes\[0\]\.cluster\.network\.podCidr: overlaps spoke 00.*\n {2}fix: .*$/m;
    assert.match(run.stderr, message);
    assert.equal(run.stderr.match(message)?.[0], planned.stderr.match(message)?.[0]);
    assert.match(run.stderr, /nothing was served/);
  });

  it('refuses a missing file, a bad port and a port in use as usage errors', async () => {
    const dir = workspace();
    const missing = await runCli(['serve', '--port', '0', '--config', 'nope.yaml'], { cwd: dir });
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /nope\.yaml: no such file/);
    for (const bad of ['http', '65536', '-1', '80.5']) {
      const port = await runCli(['serve', '--port', bad], { cwd: dir });
      assert.equal(port.code, 2, bad);
      assert.ok(port.stderr.includes(`--port ${bad}: must be a port number`), port.stderr);
    }
    const taken: Server = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    try {
      const port = String((taken.address() as AddressInfo).port);
      const inUse = await runCli(['serve', '--port', port], { cwd: dir });
      assert.equal(inUse.code, 2);
      assert.equal(inUse.stdout, '');
      assert.match(
        inUse.stderr,
        new RegExp(`--port ${port}: in use; choose another, or 0 for any free port`),
      );
    } finally {
      taken.close();
    }
  });
});

describe('baseplate serve on a file it cannot read', () => {
  it('answers 500 and goes on serving, rather than ending on an unhandled stream error', async () => {
    // A copy of the page with app.js unreadable (mode 000). Root reads anything: then the requests
    // are served with the effective user nobody, for whom the mode holds as it does for any user.
    const root = join(workspace(), 'web');
    cpSync(join(repoRoot, 'build', 'web'), root, { recursive: true });
    chmodSync(join(root, '..'), 0o755);
    chmodSync(join(root, 'app.js'), 0o000);
    const asRoot = process.geteuid?.() === 0;
    const server = await startServer({ port: 0, root });
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    if (asRoot) process.seteuid?.(65534);
    try {
      const unreadable = await get(url, '/app.js');
      assert.equal(unreadable.status, 500);
      assert.equal(unreadable.body, 'This file cannot be read.');
      assert.equal((await get(url, '/app.js', 'HEAD')).status, 500);
      // Still up: the next request is answered.
      assert.equal((await get(url, '/styles.css')).status, 200);
      assert.equal(server.listening, true);
    } finally {
      if (asRoot) process.seteuid?.(0);
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe("the tests' server helper", () => {
  /** A stand-in for the CLI: writes `output`, then runs until stopped; records that it was. */
  function standIn(...output: string[]) {
    const seen = { stopped: false };
    const started = startCli([], {}, async (_argv, io) => {
      for (const text of output) {
        await Promise.resolve();
        io.out(text);
      }
      await new Promise<void>((resolve) =>
        io.signal?.addEventListener('abort', () => {
          seen.stopped = true;
          resolve();
        }),
      );
      return 0;
    });
    return { started, seen };
  }

  /** Whether `promise` has settled once everything now queued has run (the timers are fake). */
  const state = (promise: Promise<unknown>) =>
    Promise.race([
      promise.then(
        () => 'resolved',
        () => 'rejected',
      ),
      new Promise((resolve) => setImmediate(() => resolve('pending'))),
    ]);

  it('gives up on a server that never prints its address, and stops it', async (t) => {
    t.mock.timers.enable({ apis: ['setTimeout'] });
    const { started, seen } = standIn('starting…\n');
    const served = listening(started);
    served.catch(() => {});
    t.mock.timers.tick(START_MS - 1);
    assert.equal(await state(served), 'pending');
    assert.equal(seen.stopped, false);
    t.mock.timers.tick(1);
    await assert.rejects(served, new RegExp(`no address printed within ${START_MS} ms; output: starting…`));
    assert.equal((await started.done).code, 0);
    assert.equal(seen.stopped, true);
  });

  it('resolves with the address however it is written, and stops the server when asked', async (t) => {
    t.mock.timers.enable({ apis: ['setTimeout'] });
    const { started, seen } = standIn(
      'Baseplate configurator: http://127.0',
      '.0.1:4',
      '321/ (only this…)\n',
    );
    const served = await listening(started);
    assert.equal(served.url, 'http://127.0.0.1:4321/');
    assert.equal(seen.stopped, false);
    assert.equal((await served.stop()).code, 0);
    assert.equal(seen.stopped, true);
  });

  it('rejects at once when the command ends without serving', async () => {
    const started = startCli([], {}, (_argv, io) => {
      io.err('baseplate: --port x: must be a port number\n');
      return Promise.resolve(2);
    });
    await assert.rejects(listening(started), /serve ended with exit code 2: baseplate: --port x/);
  });
});
