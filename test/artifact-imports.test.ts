/**
 * The artifacts are built from the Design alone (issue 22): no module under
 * src/core/artifacts imports the configuration, types included. Everything an
 * artifact needs, the design decides and holds.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { repoRoot } from './helpers.js';

const ARTIFACTS = join(repoRoot, 'src', 'core', 'artifacts');
const CONFIG = join(repoRoot, 'src', 'core', 'config');

/** Every module specifier of a TypeScript source: imports and re-exports, type-only or not, bare, and import(). */
function specifiers(source: string): string[] {
  const found: string[] = [];
  const patterns = [
    /\b(?:import|export)\b[^'";]*?\bfrom\s*['"]([^'"]+)['"]/g,
    /\bimport\s*\(?\s*['"]([^'"]+)['"]/g,
  ];
  for (const pattern of patterns) for (const match of source.matchAll(pattern)) found.push(match[1] ?? '');
  return found;
}

/** The relative specifiers of `file` that resolve to `forbidden` or a module below it. */
function importsInto(file: string, source: string, forbidden: string): string[] {
  return specifiers(source)
    .filter((specifier) => specifier.startsWith('.'))
    .filter((specifier) => {
      const target = resolve(dirname(file), specifier);
      return target === forbidden || !relative(forbidden, target).startsWith('..');
    });
}

describe('artifact imports', () => {
  it('no module under src/core/artifacts imports src/core/config', () => {
    const files = readdirSync(ARTIFACTS, { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.ts'))
      .map((file) => join(ARTIFACTS, file));
    assert.ok(files.length > 50, 'the scan reads the artifact modules');
    const offenders = files.flatMap((file) =>
      importsInto(file, readFileSync(file, 'utf8'), CONFIG).map(
        (specifier) => `${relative(repoRoot, file)} imports ${specifier}`,
      ),
    );
    assert.deepEqual(offenders, []);
  });

  it('catches every form of import of the configuration, and nothing else', () => {
    const file = join(ARTIFACTS, 'network', 'example.ts');
    const sources = [
      "import type { Config } from '../../config/schema/index.js';",
      "import { loadConfig } from '../../config/load.js';",
      "export type { SpokeConfig } from '../../config/schema/index.js';",
      "import {\n  type Config,\n  type SpokeConfig,\n} from '../../config/schema/index.js';",
      "const schema = await import('../../config/schema/index.js');",
      "import '../../config';",
    ];
    assert.deepEqual(
      sources.map((source) => importsInto(file, source, CONFIG).length),
      [1, 1, 1, 1, 1, 1],
    );
    const allowed = [
      "import type { Design } from '../../design/design.js';",
      "import type { ClusterSettings } from '../../design/settings.js';",
      "import { tagsFor } from './common.js';",
      "import type { ConfigMap } from 'kubernetes-types/core/v1.js';",
      "import { configuration } from './config-map.js';",
    ];
    assert.deepEqual(
      allowed.flatMap((source) => importsInto(file, source, CONFIG)),
      [],
    );
  });
});
