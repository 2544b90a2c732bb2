/**
 * The configurator's bundle (`npm run build:web`): the core and Graphviz
 * bundled as they are, never re-implemented, nothing of the CLI's or deploy's,
 * and not one Node built-in pulled in.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { buildWeb } from '../scripts/build-web.js';

describe('the configurator bundle', () => {
  const out = mkdtempSync(join(tmpdir(), 'baseplate-web-build-'));
  after(() => rmSync(out, { recursive: true, force: true }));

  it('bundles the library code of the CLI and no Node built-in', async () => {
    const metafile = await buildWeb(out);
    const inputs = Object.keys(metafile.inputs);
    assert.deepEqual(
      inputs.filter(
        (input) => input.startsWith('node:') || /(^|\/)(fs|path|process|os|http|crypto)(\/|$)/.test(input),
      ),
      [],
    );
    // A module a package's `browser` field swaps for nothing (its Node half, say) would be undefined at run time.
    assert.deepEqual(
      inputs.filter((input) => input.startsWith('(disabled):')),
      [],
    );
    // The plan, Graphviz and the report run in the worker; the page's own script has none of them.
    const bundled = (file: string) =>
      Object.entries(metafile.outputs)
        .filter(([output]) => output.endsWith(`/${file}`))
        .flatMap(([, output]) => Object.keys(output.inputs));
    for (const module of ['src/core/plan.ts', 'src/core/report/html.ts', 'node_modules/@viz-js/viz/']) {
      assert.ok(
        bundled('worker.js').some((input) => input.includes(module)),
        `${module} is in the worker`,
      );
      assert.ok(!bundled('app.js').some((input) => input.includes(module)), `${module} is not in the page`);
    }
    // The YAML editor is the page's alone.
    for (const module of ['node_modules/@codemirror/view/', 'node_modules/@codemirror/lang-yaml/']) {
      assert.ok(
        bundled('app.js').some((input) => input.includes(module)),
        `${module} is in the page`,
      );
      assert.ok(
        !bundled('worker.js').some((input) => input.includes(module)),
        `${module} is not in the worker`,
      );
    }
    // The script that says the page needs a server is a classic one, with nothing but its own code.
    assert.deepEqual(bundled('needs-server.js'), ['src/web/needs-server.ts']);
    // Nothing of the shells that touch files, processes or Azure.
    assert.deepEqual(
      inputs.filter((input) => /src\/(cli|deploy)\//.test(input)),
      [],
    );
  });

  it('is a folder of static files that loads nothing from elsewhere', () => {
    assert.deepEqual(readdirSync(out).sort(), [
      'app.js',
      'index.html',
      'needs-server.js',
      'styles.css',
      'worker.js',
      'worker.js.LEGAL.txt',
    ]);
    const html = readFileSync(join(out, 'index.html'), 'utf8');
    assert.deepEqual(
      [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]),
      ['data:,', 'styles.css', 'needs-server.js', 'app.js', '#results'],
    );
    assert.match(
      html,
      /Content-Security-Policy"\s+content="default-src 'self';[^"]*connect-src 'self'; worker-src 'self';/,
    );
    assert.doesNotMatch(readFileSync(join(out, 'styles.css'), 'utf8'), /@import|url\(/);
  });
});
