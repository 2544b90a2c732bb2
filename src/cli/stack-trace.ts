/**
 * A stack trace in source terms: each frame in one of Baseplate's bundled
 * files (build/cli/) is mapped through the source map beside it to its line in
 * src/. Done only when an internal error is reported: Node's own source-map
 * support (--enable-source-maps) reads every map at start-up, which costs the
 * command line a tenth of a second on every run.
 */
import { readFileSync } from 'node:fs';
import type { SourceMapPayload } from 'node:module';
import { SourceMap } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PACKAGE_ROOT } from './package-root.js';

/**
 * `/…/cli.js:LINE:COLUMN` (a script's path) or `file:///…/cli.js:LINE:COLUMN` (a
 * module's URL), as V8 writes a frame's place, with or without parentheses.
 */
const FRAME = /((?:file:\/\/)?(?:\/|[A-Za-z]:\\)[^\s()]+\.js):(\d+):(\d+)/g;

export function sourceMappedStack(stack: string): string {
  const maps = new Map<string, SourceMap | undefined>();
  const mapOf = (file: string) => {
    if (!maps.has(file)) maps.set(file, readMap(file));
    return maps.get(file);
  };
  return stack.replace(FRAME, (place: string, script: string, line: string, column: string) => {
    const file = script.startsWith('file:') ? fileURLToPath(script) : script;
    const map = mapOf(file);
    // findEntry counts lines and columns from 0; V8's frames count from 1.
    const entry = map?.findEntry(Number(line) - 1, Number(column) - 1);
    if (!entry || !('originalSource' in entry)) return place;
    const source = join(dirname(file), entry.originalSource.replace(/^file:\/\//, ''));
    return `${relative(PACKAGE_ROOT, source)}:${entry.originalLine + 1}:${entry.originalColumn + 1}`;
  });
}

function readMap(file: string): SourceMap | undefined {
  try {
    return new SourceMap(JSON.parse(readFileSync(`${file}.map`, 'utf8')) as SourceMapPayload);
  } catch {
    return undefined;
  }
}
