/**
 * The import directions docs/architecture.md states, checked on every import of
 * src/, scripts/, bench/ and test/ (static, dynamic and type-only alike). The
 * rules name folders, not files: moving a module keeps them; a folder they do
 * not know fails until it is placed here and in the document.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { describe, it } from 'node:test';
import ts from 'typescript';
import { repoRoot } from './helpers.js';

/**
 * The core's layers, first to last: a module imports from its own layer and the
 * ones before it, never after. A unit is a folder of src/ or one file of
 * src/core/; the longest that holds a file is its unit.
 */
export const CORE_LAYERS: readonly (readonly string[])[] = [
  // Base modules every stage may use: diagnostics, the redaction of credentials,
  // JSON and YAML text, the CIDR arithmetic, ARM values and expressions as written,
  // the tables of Azure facts, base64 text, the name the package is published under,
  // the names of production environments, the namespaces Azure Policy never evaluates.
  [
    'core/diagnostics.ts',
    'core/credential-text.ts',
    'core/serialize.ts',
    'core/cidr.ts',
    'core/arm-values.ts',
    'core/base64.ts',
    'core/package-name.ts',
    'core/environments.ts',
    'core/policy-namespaces.ts',
    'core/data',
  ],
  ['core/config'],
  ['core/ipplan'],
  ['core/design'],
  // Each output format (formats/) sits in the layer of the stage that writes it, the rest after
  // verify: the writer and every reader take the one declaration.
  [
    'core/artifacts',
    'core/formats/deployment-order.ts',
    'core/formats/resources.ts',
    'core/formats/template.ts',
    'core/formats/images.ts',
  ],
  ['core/verify', 'core/formats/findings.ts'],
  ['core/formats'],
  ['core/coverage'],
  ['core/report'],
  ['core/plan.ts'],
  ['core/index.ts'],
];

/** Edges the layers allow that the design forbids, with the reason. */
const FORBIDDEN: readonly { from: string; to: string; why: string }[] = [
  { from: 'core/artifacts', to: 'core/config', why: 'artifacts are built from the Design alone' },
  {
    from: 'core/verify',
    to: 'core/artifacts',
    why: 'rules read artifacts serialised, as they read foreign files',
  },
];

/** Outside the core, whom each folder may import (a unit or any unit under it). */
export const OUTSIDE: Readonly<Record<string, readonly string[]>> = {
  shared: [],
  deploy: ['core'],
  cli: ['core', 'deploy', 'shared'],
  // The page's bundle holds the core's public API and Graphviz, nothing of Node.
  web: ['core/index.ts', 'shared'],
  scripts: ['core', 'cli', 'shared'],
  bench: ['core', 'cli'],
  test: ['core', 'cli', 'deploy', 'web', 'shared', 'scripts', 'bench'],
};

/**
 * Imports the rules refuse but the code still makes, each with why it stays:
 * `from` and `to` are files (or a unit, for every file of it). One that no import
 * needs any longer fails, so that it is removed.
 */
const ALLOWED: readonly { from: string; to: string; why: string }[] = [
  {
    from: 'core/config/validate.ts',
    to: 'core/verify/rules/index.ts',
    why: '`verify.suppress` names rules: an unknown name is a configuration error, so validation reads the rule IDs',
  },
];

const CORE_UNITS = CORE_LAYERS.flat();
const UNITS = [...CORE_UNITS, ...Object.keys(OUTSIDE)];

/** A path from the repository's root, without src/, as the rules write it. */
const ruleName = (path: string): string => path.replace(/^src\//, '').replace(/\.(js|mjs)$/, '.ts');
const under = (name: string, unit: string): boolean => name === unit || name.startsWith(`${unit}/`);

/** The unit holding a file (a path from the root), or undefined when the rules do not place it. */
export function unitOf(path: string): string | undefined {
  const name = ruleName(path);
  return UNITS.filter((unit) => under(name, unit)).sort((a, b) => b.length - a.length)[0];
}

/** Why `from` (a file) may not import `to` (a file), or undefined when it may. */
export function refusal(from: string, to: string): string | undefined {
  const [source, target] = [unitOf(from), unitOf(to)];
  if (source === undefined) return `${from} is in no unit of the rules`;
  if (target === undefined) return `${to} is in no unit of the rules`;
  if (source === target) return undefined;
  const layer = (unit: string): number => CORE_LAYERS.findIndex((units) => units.includes(unit));
  if (source.startsWith('core/')) {
    if (!target.startsWith('core/')) return 'the core imports nothing outside src/core/';
    if (layer(target) > layer(source)) return `${source} comes before ${target} in the pipeline`;
    return FORBIDDEN.find((f) => f.from === source && f.to === target)?.why;
  }
  const allowed = OUTSIDE[source]!.some((unit) => under(ruleName(to), unit) || under(target, unit));
  return allowed ? undefined : `${source} may import only ${OUTSIDE[source]!.join(', ') || 'itself'}`;
}

/** Relative module specifiers of a file: imports, re-exports, import() and import types. */
export function importsOf(text: string, name: string): string[] {
  const source = ts.createSourceFile(name, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier)
      found.push((node.moduleSpecifier as ts.StringLiteral).text);
    else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteral(node.arguments[0])
    )
      found.push(node.arguments[0].text);
    else if (
      ts.isImportTypeNode(node) &&
      ts.isLiteralTypeNode(node.argument) &&
      ts.isStringLiteral(node.argument.literal)
    )
      found.push(node.argument.literal.text);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found.filter((specifier) => specifier.startsWith('.'));
}

function sourceFiles(): string[] {
  return ['src', 'scripts', 'bench', 'test'].flatMap((root) =>
    readdirSync(join(repoRoot, root), { recursive: true, encoding: 'utf8' })
      .map((file) => `${root}/${file.split('\\').join('/')}`)
      .filter((path) => /\.(ts|mts|mjs)$/.test(path) && !path.startsWith('test/cases/')),
  );
}

describe('architecture', () => {
  it('every import goes the way docs/architecture.md says', () => {
    const refused: string[] = [];
    const used = new Set<(typeof ALLOWED)[number]>();
    for (const file of sourceFiles()) {
      for (const specifier of importsOf(readFileSync(join(repoRoot, file), 'utf8'), file)) {
        const target = posix.normalize(posix.join(posix.dirname(file), specifier));
        const why = refusal(file, target);
        if (why === undefined) continue;
        const allowance = ALLOWED.find((a) => under(ruleName(file), a.from) && under(ruleName(target), a.to));
        if (allowance) used.add(allowance);
        else refused.push(`${file} → ${specifier}: ${why}`);
      }
    }
    assert.deepEqual(refused, []);
    assert.deepEqual(
      ALLOWED.filter((a) => !used.has(a)).map((a) => `${a.from} → ${a.to}`),
      [],
      'an allowance no import needs any longer: remove it',
    );
  });

  it('refuses an import against the pipeline, out of the core, or past a folder its rule names', () => {
    assert.match(refusal('src/core/design/names.ts', 'src/core/artifacts/arm/template.ts')!, /comes before/);
    assert.match(refusal('src/core/data/regions.ts', 'src/core/config/load.ts')!, /comes before/);
    assert.match(refusal('src/core/report/html.ts', 'src/cli/io.ts')!, /nothing outside/);
    assert.match(refusal('src/core/verify/rule.ts', 'src/core/artifacts/arm/emit.ts')!, /serialised/);
    assert.match(refusal('src/web/main.ts', 'src/core/plan.ts')!, /only core\/index.ts, shared/);
    assert.match(refusal('src/deploy/arm.ts', 'src/cli/io.ts')!, /only core$/);
    assert.match(refusal('src/shared/graphviz.ts', 'src/core/index.ts')!, /only itself/);
    assert.match(refusal('src/core/newfolder/x.ts', 'src/core/diagnostics.ts')!, /no unit/);
    assert.equal(refusal('src/core/config/validate.ts', 'src/core/cidr.ts'), undefined);
    assert.equal(refusal('src/core/report/html.ts', 'src/core/verify/rule.ts'), undefined);
    assert.equal(refusal('src/web/main.ts', 'src/core/index.ts'), undefined);
    assert.equal(refusal('test/x.test.ts', 'src/deploy/arm.ts'), undefined);
  });

  it('reads every kind of import, and only relative ones', () => {
    const text = [
      "import a from './a.js';",
      "import type { B } from '../b.js';",
      "export { c } from './c.js';",
      "const d = await import('./d.js');",
      "type E = import('./e.js').E;",
      "import f from 'node:fs';",
      "const g = './g.js';",
    ].join('\n');
    assert.deepEqual(importsOf(text, 'x.ts'), ['./a.js', '../b.js', './c.js', './d.js', './e.js']);
  });

  it('docs/architecture.md has a section for every folder the rules name', () => {
    const doc = readFileSync(join(repoRoot, 'docs', 'architecture.md'), 'utf8');
    const headings = [...doc.matchAll(/^#+ .*$/gm)].map(([line]) => line);
    const atRoot = ['scripts', 'bench', 'test'];
    const folders = UNITS.filter((unit) => !unit.endsWith('.ts')).map((unit) =>
      atRoot.includes(unit) ? `${unit}/` : `src/${unit}/`,
    );
    for (const folder of folders)
      assert.ok(
        headings.some((h) => h.includes(`\`${folder}\``)),
        `docs/architecture.md has no heading for ${folder}`,
      );
  });
});
