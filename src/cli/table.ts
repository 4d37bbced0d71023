/**
 * A plain aligned text table for terminal output: a header, a rule, one line per row.
 * Empty cells show as "-" so columns stay readable.
 *
 * @example
 *   formatTable([{ id: 'ncb-fr', kind: 'ncb' }], [{ key: 'id', title: 'ID' }, { key: 'kind', title: 'KIND' }])
 */
export interface Column<Row> {
  key: keyof Row & string;
  title: string;
}

function cell(value: unknown): string {
  if (value === null || value === undefined || value === '') return '-';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

export function formatTable<Row>(rows: Row[], columns: Column<Row>[]): string {
  const cells = rows.map((row) => columns.map((c) => cell(row[c.key])));
  const widths = columns.map((c, i) => Math.max(c.title.length, ...cells.map((r) => r[i]?.length ?? 0)));
  const line = (values: string[]) => values.map((v, i) => v.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  return [line(columns.map((c) => c.title)), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}
