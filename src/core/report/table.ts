/** Plain-text and Markdown tables, for the terminal summary and the report files. */
export interface Column<Row> {
  readonly title: string;
  readonly value: (row: Row) => string;
  readonly align?: 'left' | 'right';
}

export function textTable<Row>(columns: readonly Column<Row>[], rows: readonly Row[], indent = ''): string {
  const cells = rows.map((row) => columns.map((column) => column.value(row)));
  const widths = columns.map((column, i) =>
    Math.max(column.title.length, ...cells.map((r) => r[i]?.length ?? 0)),
  );
  const line = (values: readonly string[]) =>
    indent +
    values
      .map((value, i) =>
        columns[i]?.align === 'right' ? value.padStart(widths[i] ?? 0) : value.padEnd(widths[i] ?? 0),
      )
      .join('  ')
      .trimEnd();
  return [line(columns.map((c) => c.title)), ...cells.map(line)].join('\n');
}

export function markdownTable<Row>(columns: readonly Column<Row>[], rows: readonly Row[]): string {
  const escape = (text: string) => text.replaceAll('|', '\\|');
  const line = (values: readonly string[]) => `| ${values.map(escape).join(' | ')} |`;
  const rule = `|${columns.map((c) => (c.align === 'right' ? '---:' : '---')).join('|')}|`;
  return [
    line(columns.map((c) => c.title)),
    rule,
    ...rows.map((row) => line(columns.map((c) => c.value(row)))),
  ].join('\n');
}
