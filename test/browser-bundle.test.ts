/**
 * The core is pure (docs/architecture.md): bundled for the browser it pulls in no Node
 * built-in, and it plans the default configuration in a bare JavaScript context
 * with no `process`, `require` or file system, byte for byte as Node does.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { createContext, runInContext } from 'node:vm';
import { build } from 'esbuild';
import { plan } from '../src/core/plan.js';
import { repoRoot } from './helpers.js';

describe('the core in a browser', () => {
  it('bundles without Node built-ins and plans the baseline in a bare context', async () => {
    const result = await build({
      entryPoints: [join(repoRoot, 'src', 'core', 'index.ts')],
      bundle: true,
      platform: 'browser',
      format: 'iife',
      globalName: 'baseplate',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    assert.deepEqual(
      inputs.filter((input) => input.startsWith('node:') || /\/(fs|path|process)\b/.test(input)),
      [],
    );
    const context = createContext({});
    runInContext(result.outputFiles[0]!.text, context);
    const source = JSON.stringify({ name: 'browser', text: '{}' });
    const inBrowser = JSON.parse(
      runInContext(`JSON.stringify(baseplate.plan(${source}).files)`, context) as string,
    ) as unknown;
    const inNode = plan({ name: 'browser', text: '{}' });
    assert.ok(inNode.ok);
    assert.deepEqual(inBrowser, inNode.files);
  });
});
