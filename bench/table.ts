/** One figure of `npm run bench`: what was measured, its value, and the target it answers to. */
export interface BenchRow {
  /** What was measured, e.g. "plan, 50 spokes". */
  readonly figure: string;
  /** The measured value, already rounded for reading, e.g. "412 ms" or "×4.8". */
  readonly value: string;
  /** The target, e.g. "≤ ×6"; empty when the figure is for information. */
  readonly target?: string;
  /** Whether the target is met; undefined when there is none. */
  readonly met?: boolean;
}

/** The median of some samples (upper median for an even count). */
export function median(samples: readonly number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** The rows as a plain-text table: figure, value, target, met. */
export function benchTable(rows: readonly BenchRow[]): string {
  const cells = rows.map((row) => [
    row.figure,
    row.value,
    row.target ?? '',
    row.met === undefined ? '' : row.met ? 'met' : 'NOT MET',
  ]);
  const header = ['figure', 'value', 'target', ''];
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? '').length)));
  const line = (c: readonly string[]) =>
    c
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n') + '\n';
}
