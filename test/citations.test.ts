/**
 * Comments and docs cite only files the repository holds: a reader who follows
 * `docs/architecture.md` or `../src/core/plan.ts` from a comment finds it. Code
 * is left to the compiler; its strings name the output Baseplate writes and the
 * user's files (`./baseplate.yaml`), which are no citations. A file of another
 * repository is written under its owner and name (`mspnp/aks-baseline/docs/…`).
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix } from 'node:path';
import { describe, it } from 'node:test';
import ts from 'typescript';
import { repoRoot } from './helpers.js';

/** What is read for citations: every folder of sources and docs, not the spec's text nor the golden files. */
const SCANNED = [
  'src',
  'test',
  'scripts',
  'bench',
  'docs',
  'schemas/README.md',
  'README.md',
  'eslint.config.js',
];
const SKIPPED = ['docs/spec', 'test/cases'];
const SOURCE = /\.(ts|mts|js|mjs)$/;

// A citation starts after a space, quote or bracket: never inside a URL or another path.
const START = String.raw`(?<![\w.\/@:~#-])`;
const PATH = String.raw`[^\s\`'"()\[\]{},;|]*`;
/** Paths from the repository's root: src/core/plan.ts, docs/, .ci/run. */
const ROOTED = new RegExp(`${START}((?:src|test|docs|scripts|bench|schemas|\\.ci)/${PATH})`, 'g');
/** Paths from the citing file's folder, of code or docs: ../src/core/plan.ts, ./helpers.ts. */
const RELATIVE = new RegExp(`${START}(\\.\\.?/${PATH}\\.(?:ts|js|mjs|md))(?![\\w.])`, 'g');
/** A document named in capitals, at the root or beside the citing file: NOTICE.md. */
const DOCUMENT = new RegExp(`${START}([A-Z][A-Z0-9_-]*\\.md)\\b`, 'g');

export interface Citation {
  /** The path as written, without the punctuation that ends a sentence. */
  readonly cited: string;
  /** Where it resolves, from the repository's root. */
  readonly path: string;
}

/** The trailing punctuation of prose, and what a glob or placeholder makes unknowable. */
function trimmed(path: string): string {
  const cut = path.search(/[*<]/);
  return (cut === -1 ? path : path.slice(0, cut)).replace(/[.:!?]+$/, '');
}

/** The files `text` cites, read as prose written in the file at `from` (a path from the root). */
export function citations(text: string, from: string): Citation[] {
  const folder = posix.dirname(from);
  const found: Citation[] = [];
  for (const [, cited] of text.matchAll(ROOTED)) found.push({ cited: cited!, path: trimmed(cited!) });
  for (const [, cited] of text.matchAll(RELATIVE))
    found.push({ cited: cited!, path: posix.join(folder, cited!) });
  for (const [, cited] of text.matchAll(DOCUMENT))
    found.push({
      cited: cited!,
      path: existsSync(join(repoRoot, folder, cited!)) ? posix.join(folder, cited!) : cited!,
    });
  return found;
}

/** The comments of a TypeScript or JavaScript file, as the compiler reads them (not inside strings). */
export function commentsOf(text: string, name: string): string {
  const source = ts.createSourceFile(name, text, ts.ScriptTarget.Latest, false);
  const seen = new Set<number>();
  const comments: string[] = [];
  const collect = (ranges: readonly ts.CommentRange[] | undefined): void => {
    for (const range of ranges ?? [])
      if (!seen.has(range.pos)) {
        seen.add(range.pos);
        comments.push(text.slice(range.pos, range.end));
      }
  };
  const visit = (node: ts.Node): void => {
    collect(ts.getLeadingCommentRanges(text, node.getFullStart()));
    collect(ts.getTrailingCommentRanges(text, node.end));
    ts.forEachChild(node, visit);
  };
  visit(source);
  collect(ts.getLeadingCommentRanges(text, source.endOfFileToken.getFullStart()));
  return comments.join('\n');
}

/** In Markdown, a path from the file's folder counts only as a link's target. */
function markdownProse(text: string): string {
  return text.replace(/(?<!\]\()\.\.?\/\S*/g, '');
}

function scannedFiles(): string[] {
  return SCANNED.flatMap((entry) => {
    if (!statSync(join(repoRoot, entry)).isDirectory()) return [entry];
    return readdirSync(join(repoRoot, entry), { recursive: true, encoding: 'utf8' })
      .map((file) => `${entry}/${file.split('\\').join('/')}`)
      .filter((path) => !SKIPPED.some((skip) => path.startsWith(`${skip}/`)))
      .filter((path) => SOURCE.test(path) || path.endsWith('.md'));
  }).sort();
}

describe('citations', () => {
  it('every file a comment or doc cites is in the repository', () => {
    const files = scannedFiles();
    assert.ok(files.length > 200, `only ${files.length} files read`);
    const missing: string[] = [];
    for (const file of files) {
      const text = readFileSync(join(repoRoot, file), 'utf8');
      const prose = SOURCE.test(file) ? commentsOf(text, file) : markdownProse(text);
      for (const citation of citations(prose, file))
        if (!existsSync(join(repoRoot, citation.path))) missing.push(`${file}: ${citation.cited}`);
    }
    assert.deepEqual(missing, []);
  });

  it('reads paths from the root, from the citing file, and documents named in capitals', () => {
    const text = 'See src/core/plan.ts, docs/architecture.md: and ../design/names.ts (DESIGN.md §1).';
    assert.deepEqual(
      citations(text, 'src/core/artifacts/x.ts').map((c) => c.path),
      ['src/core/plan.ts', 'docs/architecture.md', 'src/core/design/names.ts', 'DESIGN.md'],
    );
    assert.deepEqual(
      citations('test/cases/*, schemas/<name>.json', 'test/x.ts').map((c) => c.path),
      ['test/cases/', 'schemas/'],
    );
  });

  it('takes no URL, other repository, output path, user file or string for a citation', () => {
    const text = [
      'https://github.com/fluxcd/flux2/blob/main/docs/spec/v1.md',
      'https://learn.microsoft.com/azure/aks/concepts-network.md',
      'mspnp/aks-baseline/docs/deploy/04-networking.md',
      'writes report/ip-plan.md and azure/01-hub.json; reads ./baseplate.yaml',
    ].join('\n');
    assert.deepEqual(citations(text, 'src/core/x.ts'), []);
    assert.equal(
      commentsOf("const a = 'src/missing.ts'; // docs/x.md\n/* ../y.ts */", 'src/z.ts'),
      '// docs/x.md\n/* ../y.ts */',
    );
    assert.equal(markdownProse('run ./baseplate.yaml; see [it](./NOTICE.md)'), 'run  see [it](./NOTICE.md)');
  });
});
