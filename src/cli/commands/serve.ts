/**
 * `baseplate serve`: the configurator on this machine. It serves the static
 * page (build/web) and, with a configuration, that one file as the page's
 * starting point; nothing else. It listens on 127.0.0.1 only, answers only
 * requests addressed to that host (a page elsewhere cannot reach it through
 * DNS rebinding), and never serves a path outside the page's folder.
 *
 * The configuration goes to the page alone: a request a browser makes for
 * another page (another site, or another port of this machine) is refused, and
 * what is served has every credential-shaped value hidden, since any program
 * on this machine can ask for it.
 */
import { access, open, realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { ConfigSource } from '../../core/index.js';
import { BUILTIN_SOURCE, formatDiagnostic, plan, REDACTED, redactCredentials } from '../../core/index.js';
import { readConfigSource, workingFolder } from '../config-file.js';
import { PACKAGE_ROOT } from '../package-root.js';
import { ExitCode, exitCodeFor, UsageError } from '../exit-codes.js';
import type { Io } from '../io.js';

export interface ServeOptions {
  readonly port: string;
  readonly config?: string;
}

/** Where `npm run build` puts the page. */
export const WEB_ROOT = join(PACKAGE_ROOT, 'build', 'web') + sep;

/** The page's own policy, also in its HTML for static hosts; here with what only a header can say. */
const POLICY =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.wasm': 'application/wasm',
};

/** What `serve` writes to, and what stops it. */
export interface ServeIo extends Io {
  /**
   * Stops the server when it aborts; without one, Ctrl+C (SIGINT) or SIGTERM
   * does. The tests run serve in-process and stop it so.
   */
  readonly signal?: AbortSignal;
}

/** Serves until stopped (see ServeIo.signal); then exit code 0. */
export async function serveCommand(options: ServeOptions, io: ServeIo): Promise<ExitCode> {
  const port = Number(options.port);
  if (!/^\d+$/.test(options.port) || port > 65535)
    throw new UsageError(`--port ${options.port}: must be a port number, 0–65535 (0: any free port).`);
  const source = await readConfigSource(options.config, workingFolder(io));
  if (source !== BUILTIN_SOURCE) {
    // The same checks and messages as `plan`: a configuration it refuses is not served.
    const outcome = plan(source);
    if (!outcome.ok && exitCodeFor(outcome.diagnostics) === ExitCode.usage) {
      for (const diagnostic of outcome.diagnostics) io.err(`${formatDiagnostic(diagnostic)}\n`);
      io.err(`\n${outcome.diagnostics.length} problem(s); nothing was served.\n`);
      return ExitCode.usage;
    }
  }
  const hidden = source === BUILTIN_SOURCE ? 0 : redactCredentials(source.text).hidden;
  if (hidden > 0)
    io.err(
      `warning: ${source.name}: ${hidden} credential-shaped value(s), in comments (plan refuses them in values); the page gets the text with each replaced by ${REDACTED}. Keep credentials out of the file.\n`,
    );
  const server = await startServer({ port, initial: source === BUILTIN_SOURCE ? undefined : source });
  const stop = io.signal ?? processStop();
  const { address, port: bound } = server.address() as AddressInfo;
  io.out(
    `Baseplate configurator: http://${address}:${bound}/ (only this machine can open it; Ctrl+C stops it)\n`,
  );
  await new Promise<void>((resolve) => {
    const close = () => {
      server.close(() => resolve());
      server.closeAllConnections();
    };
    if (stop.aborted) close();
    else stop.addEventListener('abort', close, { once: true });
  });
  return ExitCode.ok;
}

/** Aborts on the first SIGINT or SIGTERM, then leaves the process's signals as they were. */
function processStop(): AbortSignal {
  const controller = new AbortController();
  const stop = () => {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    controller.abort();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  return controller.signal;
}

export interface ServerOptions {
  readonly port: number;
  /** The configuration the page starts from, at /config.json. */
  readonly initial?: ConfigSource;
  readonly root?: string;
}

/** The static server, listening on 127.0.0.1; the bench and the tests start it too. */
export async function startServer(options: ServerOptions): Promise<Server> {
  const root = await realpath(options.root ?? WEB_ROOT).catch(() => undefined);
  const index =
    root &&
    (await access(join(root, 'index.html')).then(
      () => true,
      () => false,
    ));
  if (!root || !index) throw new UsageError('the page is not built: run `npm run build` first.');
  // The page needs the file's name (its commands name it) and its text, with no credential in it.
  const offered =
    options.initial &&
    JSON.stringify({ name: options.initial.name, text: redactCredentials(options.initial.text).text });
  const server = createServer((request, response) => {
    respond(request, response, root, server, offered).catch(() => {
      if (!response.headersSent) send(response, 500, 'Internal error.');
      else response.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new UsageError(`--port ${options.port}: in use; choose another, or 0 for any free port.`)
          : error,
      ),
    );
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  return server;
}

async function respond(
  request: IncomingMessage,
  response: ServerResponse,
  root: string,
  server: Server,
  offered: string | undefined,
): Promise<void> {
  const { port } = server.address() as AddressInfo;
  const hosts = ['127.0.0.1', 'localhost'].map((host) => `${host}:${port}`);
  if (!hosts.includes(request.headers.host ?? ''))
    return send(response, 421, 'This server answers only http://127.0.0.1 on its own port.');
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.setHeader('Allow', 'GET, HEAD');
    return send(response, 405, 'Only GET and HEAD.');
  }
  const segments = pathSegments(request.url ?? '');
  if (!segments) return send(response, 400, 'Not a path of this page.');
  if (segments.length === 1 && segments[0] === 'config.json') {
    if (!fromThePage(request, hosts))
      return send(response, 403, 'Only the configurator page, from this server, reads the configuration.');
    // No content: the page starts from the built-in default (a static host answers 404, the same to the page).
    if (!offered) return send(response, 204, '');
    return send(response, 200, offered, TYPES['.json']);
  }
  const file = join(root, ...(segments.length === 0 ? ['index.html'] : segments));
  const real = await realpath(file).catch(() => undefined);
  const info = real === undefined ? undefined : await stat(real).catch(() => undefined);
  if (!real || !info?.isFile() || !real.startsWith(root + sep)) return send(response, 404, 'Not found.');
  // Opened before the status is sent: a file gone since (a rebuild) is a 404, an unreadable one a 500,
  // never an error on a stream nobody listens to, which would end the server.
  const handle = await open(real, 'r').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') send(response, 404, 'Not found.');
    else send(response, 500, 'This file cannot be read.');
  });
  if (!handle) return;
  try {
    headers(response, TYPES[extname(real)] ?? 'application/octet-stream', (await handle.stat()).size);
    response.writeHead(200);
    if (request.method === 'HEAD') return void response.end();
    // A read failing midway rejects here, and the caller cuts the response short.
    await pipeline(handle.createReadStream({ autoClose: false }), response);
  } finally {
    await handle.close();
  }
}

/**
 * Whether a request comes from the page itself, as far as a browser says: any web
 * page can send requests to 127.0.0.1. Browsers name the requester's relation in
 * Sec-Fetch-Site (W3C "Fetch Metadata Request Headers",
 * https://w3c.github.io/webappsec-fetch-metadata/#sec-fetch-site-header): `same-origin`
 * for the page's own fetch, `none` for an address typed by the user; `same-site`
 * is another port of this machine. A cross-origin request also carries Origin.
 * A program that is not a browser sends neither; it gets the redacted text.
 */
function fromThePage(request: IncomingMessage, hosts: readonly string[]): boolean {
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return false;
  const origin = request.headers.origin;
  return origin === undefined || hosts.some((host) => origin === `http://${host}`);
}

/**
 * The path's segments, decoded; undefined for anything that could step out of
 * the folder or name a hidden file: `..`, `.x`, empty segments, backslashes,
 * NUL, whether written plainly or percent-encoded.
 */
export function pathSegments(url: string): string[] | undefined {
  if (!url.startsWith('/')) return undefined;
  const path = url.replace(/[?#].*$/s, '');
  if (path === '/') return [];
  let decoded: string[];
  try {
    decoded = path.slice(1).split('/').map(decodeURIComponent);
  } catch {
    return undefined;
  }
  const bad = (segment: string) => segment === '' || segment.startsWith('.') || /[\\/\0:]/.test(segment);
  return decoded.some(bad) ? undefined : decoded;
}

function headers(response: ServerResponse, type: string, length: number): void {
  response.setHeader('Content-Type', type);
  response.setHeader('Content-Length', length);
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader('Content-Security-Policy', POLICY);
  response.setHeader('Referrer-Policy', 'no-referrer');
  response.setHeader('Cache-Control', 'no-store');
  // No page of another origin may embed a response (<script>, <img>) and read it out of its process.
  response.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
}

function send(
  response: ServerResponse,
  status: number,
  body: string,
  type = 'text/plain; charset=utf-8',
): void {
  headers(response, type, Buffer.byteLength(body));
  response.writeHead(status);
  response.end(body);
}
