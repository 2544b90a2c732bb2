/**
 * `baseplate serve`: the configurator's files on 127.0.0.1 and nothing else;
 * the initial configuration checked as `plan` checks it; no way out of the
 * page's folder.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmodSync, copyFileSync, cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { pathSegments } from '../src/cli/commands/serve.js';
import { repoRoot } from './helpers.js';
import type { Served } from './web-helpers.js';
import { baseplate, listening, serve } from './web-helpers.js';

interface Reply {
  readonly status: number;
  readonly type: string | undefined;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

/** A request sent exactly as written: no client normalises `..` away. */
function get(url: string, path: string, method = 'GET', host?: string): Promise<Reply> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path, method, headers: host ? { host } : {} }, (res) => {
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
    });
    req.on('error', reject);
    req.end();
  });
}

const dirs: string[] = [];
after(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'baseplate-serve-'));
  dirs.push(dir);
  return dir;
}

describe('baseplate serve', () => {
  let served: Served;
  before(async () => {
    served = await serve(workspace());
  });
  after(() => served.stop());

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
      assert.doesNotMatch(reply.body, /"name": "baseplate"|root:/, path);
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
    const served = await serve(dir, '--config', 'demo.yaml');
    try {
      const reply = await get(served.url, '/config.json');
      assert.equal(reply.status, 200);
      assert.equal(reply.type, 'application/json; charset=utf-8');
      assert.deepEqual(JSON.parse(reply.body), { name: 'demo.yaml', text });
    } finally {
      await served.stop();
    }
  });

  it('refuses a bad configuration with the messages plan prints, and exit code 2, before serving', () => {
    const dir = workspace();
    writeFileSync(
      join(dir, 'bad.yaml'),
      "spokes:\n  - name: '00'\n    addressSpace: 10.240.0.0/16\n    cluster:\n      network:\n        podCidr: 10.240.0.0/16\n",
    );
    const run = baseplate(dir, 'serve', '--port', '0', '--config', 'bad.yaml');
    assert.equal(run.code, 2);
    assert.equal(run.stdout, '');
    const planned = baseplate(dir, 'plan', '--config', 'bad.yaml');
    assert.equal(planned.code, 2);
    const message =
      /^bad\.yaml:6:18: error: spokes\[0\]\.cluster\.network\.podCidr: overlaps spoke 00.*\n {2}fix: .*$/m;
    assert.match(run.stderr, message);
    assert.equal(run.stderr.match(message)?.[0], planned.stderr.match(message)?.[0]);
    assert.match(run.stderr, /nothing was served/);
  });

  it('refuses a missing file and a bad port as usage errors', () => {
    const dir = workspace();
    const missing = baseplate(dir, 'serve', '--port', '0', '--config', 'nope.yaml');
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /nope\.yaml: no such file/);
    const port = baseplate(dir, 'serve', '--port', 'http');
    assert.equal(port.code, 2);
    assert.match(port.stderr, /--port http: must be a port number/);
  });
});

describe('baseplate serve on a file it cannot read', () => {
  it('answers 500 and goes on serving, rather than ending on an unhandled stream error', async () => {
    // A copy of the page with app.js unreadable (mode 000). Root reads anything: then the server
    // runs as nobody, for whom the mode holds as it does for any user.
    const root = join(workspace(), 'web');
    cpSync(join(repoRoot, 'build', 'web'), root, { recursive: true });
    chmodSync(join(root, '..'), 0o755);
    chmodSync(join(root, 'app.js'), 0o000);
    const asRoot = process.getuid?.() === 0;
    const module = pathToFileURL(join(repoRoot, 'build', 'src', 'cli', 'commands', 'serve.js')).href;
    const script = `const { startServer } = await import(process.argv[1]);
const server = await startServer({ port: 0, root: process.argv[2] });
process.stdout.write('http://127.0.0.1:' + server.address().port + '/\\n');`;
    // Node itself may sit where nobody cannot reach it (CI's Node 24, in a private temporary folder).
    const node = asRoot ? join(root, '..', 'node') : process.execPath;
    if (asRoot) {
      copyFileSync(process.execPath, node);
      chmodSync(node, 0o755);
    }
    const served = await listening(
      spawn(node, ['--input-type=module', '-e', script, module, root], {
        stdio: ['ignore', 'pipe', 'pipe'],
        ...(asRoot ? { uid: 65534, gid: 65534 } : {}),
      }),
    );
    try {
      const unreadable = await get(served.url, '/app.js');
      assert.equal(unreadable.status, 500);
      assert.equal(unreadable.body, 'This file cannot be read.');
      assert.equal((await get(served.url, '/app.js', 'HEAD')).status, 500);
      // Still up: the next request is answered.
      assert.equal((await get(served.url, '/styles.css')).status, 200);
      assert.equal(served.child.exitCode, null);
    } finally {
      await served.stop();
    }
  });
});

describe("the tests' server helper", () => {
  it('gives up on a server that never prints its address, and stops it', async () => {
    const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    await assert.rejects(listening(child, 300), /no address printed within 300 ms/);
    await new Promise((resolve) =>
      child.exitCode !== null || child.signalCode ? resolve(null) : child.once('exit', resolve),
    );
    assert.equal(child.signalCode, 'SIGTERM');
  });
});
