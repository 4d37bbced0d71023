/**
 * Printing benchmark results: an aligned table for people, then exactly one JSON line
 * (always the last line of stdout) for machines.
 */
export type Cell = string | number | null | undefined;

export function formatNumber(value: number | null | undefined, digits = 0): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  return value.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** `✓` or `✗` against a target; `–` when there is no value. */
export function verdict(value: number | null | undefined, target: { min?: number; max?: number }): string {
  if (value === null || value === undefined) return '–';
  const ok = (target.min === undefined || value >= target.min) && (target.max === undefined || value < target.max);
  return ok ? '✓ pass' : '✗ FAIL';
}

export function ratio(a: number | null | undefined, b: number | null | undefined): string {
  return a === null || a === undefined || b === null || b === undefined || b === 0 ? '–' : `${(a / b).toFixed(2)}×`;
}

export function printTable(headers: string[], rows: Cell[][], out: (line: string) => void = console.log): void {
  const text = rows.map((r) => r.map((c) => (c === null || c === undefined ? '–' : String(c))));
  const widths = headers.map((h, i) => Math.max(h.length, ...text.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  out(line(headers));
  out(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of text) out(line(r));
}

/** The machine-readable result: must be the last thing printed. */
export function printJsonResult(result: { bench: string; scale: number; results: Record<string, number | null> }): void {
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

export const round = (value: number | null | undefined, digits = 1): number | null =>
  value === null || value === undefined || !Number.isFinite(value) ? null : Math.round(value * 10 ** digits) / 10 ** digits;
