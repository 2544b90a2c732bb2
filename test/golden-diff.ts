/**
 * A scenario's golden output stored as its difference from the default plan's:
 * a change to one resource then touches the default's files and, in another
 * scenario, only a diff whose hunks it falls into. Hunks carry no line numbers
 * (a line added above them in the default would rewrite every header) and three
 * lines of context, enough to find them by eye.
 */

/** One output file: its path under expected/ and its text. */
export interface TreeFile {
  readonly path: string;
  readonly content: string;
}

type Op = { readonly kind: ' ' | '-' | '+'; readonly line: string };

const CONTEXT = 3;
/** Share of lines a new file must have in common with a default file to be shown as its variant. */
const SIMILAR = 0.5;

/**
 * The shortest edit script from `a` to `b` (Myers, "An O(ND) Difference
 * Algorithm and Its Variations", 1986). Within a run of changes, removed lines
 * come before added ones, as `diff -u` shows them.
 */
export function diffLines(a: readonly string[], b: readonly string[]): Op[] {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const n = endA - start;
  const m = endB - start;
  const max = n + m;
  // v[k + max]: the furthest x on diagonal k; trace[d] keeps v's window [-d, d] after step d.
  const v = new Int32Array(2 * max + 2);
  const trace: Int32Array[] = [];
  let found = max === 0;
  for (let d = 0; d <= max && !found; d++) {
    for (let k = -d; k <= d; k += 2) {
      let x =
        k === -d || (k !== d && v[k - 1 + max]! < v[k + 1 + max]!) ? v[k + 1 + max]! : v[k - 1 + max]! + 1;
      let y = x - k;
      while (x < n && y < m && a[start + x] === b[start + y]) {
        x++;
        y++;
      }
      v[k + max] = x;
      if (x >= n && y >= m) found = true;
    }
    trace.push(v.slice(max - d, max + d + 1));
  }
  // Walk the trace back from (n, m), collecting the middle's operations in reverse.
  const middle: Op[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d > 0; d--) {
    const previous = trace[d - 1]!;
    const at = (k: number): number => previous[k + d - 1]!;
    const k = x - y;
    const down = k === -d || (k !== d && at(k - 1) < at(k + 1));
    const previousK = down ? k + 1 : k - 1;
    const previousX = at(previousK);
    const previousY = previousX - previousK;
    for (; x > previousX && y > previousY; x--, y--) middle.push({ kind: ' ', line: a[start + x - 1]! });
    if (down) middle.push({ kind: '+', line: b[start + --y]! });
    else middle.push({ kind: '-', line: a[start + --x]! });
  }
  for (; x > 0 && y > 0; x--, y--) middle.push({ kind: ' ', line: a[start + x - 1]! });
  middle.reverse();
  return [
    ...a.slice(0, start).map((line) => ({ kind: ' ' as const, line })),
    ...removalsFirst(middle),
    ...a.slice(endA).map((line) => ({ kind: ' ' as const, line })),
  ];
}

function removalsFirst(ops: readonly Op[]): Op[] {
  const result: Op[] = [];
  let added: Op[] = [];
  for (const op of ops) {
    if (op.kind === '+') added.push(op);
    else if (op.kind === '-') result.push(op);
    else {
      result.push(...added, op);
      added = [];
    }
  }
  return [...result, ...added];
}

/** A text's lines, each with its line end, so that a missing last one is a difference too. */
const linesOf = (text: string): string[] => (text === '' ? [] : text.split(/(?<=\n)/));

/** How `diff -u` shows a line: its mark, the line without its end, and a note when it has none. */
const show = (op: Op): string[] =>
  op.line.endsWith('\n')
    ? [op.kind + op.line.slice(0, -1)]
    : [op.kind + op.line, '\\ No newline at end of file'];

/** Unified-diff hunks of `before` → `after`, each opened by a bare `@@`; empty when equal. */
export function hunks(before: string, after: string): string[] {
  const ops = diffLines(linesOf(before), linesOf(after));
  const changed = ops.flatMap((op, index) => (op.kind === ' ' ? [] : [index]));
  const out: string[] = [];
  let i = 0;
  while (i < changed.length) {
    const first = changed[i]!;
    let last = first;
    // Changes closer than twice the context share one hunk, as in `diff -u`.
    while (i + 1 < changed.length && changed[i + 1]! - last <= 2 * CONTEXT) last = changed[++i]!;
    i++;
    out.push('@@');
    for (const op of ops.slice(Math.max(0, first - CONTEXT), last + CONTEXT + 1)) out.push(...show(op));
  }
  return out;
}

/** Lines both texts hold (as multisets), over the longer one's count. */
function similarity(one: string, other: string): number {
  const counts = new Map<string, number>();
  const a = linesOf(one);
  const b = linesOf(other);
  for (const line of a) counts.set(line, (counts.get(line) ?? 0) + 1);
  let shared = 0;
  for (const line of b) {
    const left = counts.get(line) ?? 0;
    if (left > 0) {
      shared++;
      counts.set(line, left - 1);
    }
  }
  return shared / Math.max(a.length, b.length, 1);
}

/** A file's kind: its name without digits, so 08-cluster-00.json is a 07-cluster-00.json. */
const kind = (path: string): string => (path.split('/').pop() ?? path).replace(/\d/g, '');

/**
 * The default file a scenario's file is shown against: the one at the same path,
 * else the most similar of its kind, else the most similar of any, as long as
 * they share at least half their lines (git's rename detection, simplified).
 */
function baseOf(file: TreeFile, base: readonly TreeFile[]): TreeFile | undefined {
  const samePath = base.find((b) => b.path === file.path);
  if (samePath) return samePath;
  const best = (candidates: readonly TreeFile[]): TreeFile | undefined => {
    let chosen: TreeFile | undefined;
    let score = SIMILAR;
    for (const candidate of candidates) {
      const s = similarity(candidate.content, file.content);
      if (s > score || (s === score && chosen === undefined)) [chosen, score] = [candidate, s];
    }
    return chosen;
  };
  return best(base.filter((b) => kind(b.path) === kind(file.path))) ?? best(base);
}

/**
 * The text stored for a scenario: for each file it writes that differs from the
 * default plan's, a unified diff against the default file it varies (or whole,
 * against /dev/null); then each default file it does not write, headers only.
 */
export function treeDiff(base: readonly TreeFile[], scenario: string, files: readonly TreeFile[]): string {
  const out: string[] = [];
  for (const file of [...files].sort((x, y) => (x.path < y.path ? -1 : 1))) {
    const from = baseOf(file, base);
    if (from?.path === file.path && from.content === file.content) continue;
    out.push(`--- ${from ? `default/${from.path}` : '/dev/null'}`, `+++ ${scenario}/${file.path}`);
    const body = hunks(from?.content ?? '', file.content);
    out.push(...(body.length > 0 ? body : ['@@ same content']));
  }
  const written = new Set(files.map((f) => f.path));
  for (const file of base.filter((b) => !written.has(b.path)))
    out.push(`--- default/${file.path}`, '+++ /dev/null', '@@ not written');
  return out.length > 0 ? `${out.join('\n')}\n` : '';
}
