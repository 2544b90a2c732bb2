/** For the configurator's tests: `baseplate serve` as a user starts it, on a free port. */
import type { ChildProcessByStdio } from 'node:child_process';
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { repoRoot } from './helpers.js';

export const executable = join(repoRoot, 'build', 'src', 'cli', 'main.js');

/** How long a server may take to print its address before the test gives up on it. */
const START_MS = 15_000;

type Child = ChildProcessByStdio<null, Readable, Readable>;

export interface Served {
  readonly url: string;
  readonly child: Child;
  stop(): Promise<void>;
}

/** Starts `baseplate serve --port 0 ...args` in `cwd` and resolves with its address once it listens. */
export function serve(cwd: string, ...args: string[]): Promise<Served> {
  return listening(
    spawn(process.execPath, [executable, 'serve', '--port', '0', ...args], {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
}

/**
 * Resolves once `child` prints the address it listens on; rejects if it exits
 * first, or stops it and rejects if it prints none within START_MS.
 */
export function listening(child: Child, timeoutMs = START_MS): Promise<Served> {
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const stop = () =>
    new Promise<void>((done) => {
      if (child.exitCode !== null || child.signalCode !== null) return done();
      child.once('exit', () => done());
      child.kill('SIGTERM');
    });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`no address printed within ${timeoutMs} ms; output: ${stdout}${stderr}`));
    }, timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const url = /http:\/\/127\.0\.0\.1:\d+\//.exec(stdout)?.[0];
      if (url) {
        clearTimeout(timer);
        resolve({ url, child, stop });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code}: ${stderr}`));
    });
  });
}

/** `baseplate ...args` run to its end. */
export function baseplate(cwd: string, ...args: string[]) {
  const result = spawnSync(process.execPath, [executable, ...args], { cwd, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
