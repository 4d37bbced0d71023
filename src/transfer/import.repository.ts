import sql from 'sql-template-tag';
import type { Queryable } from '../kernel/store/store.ts';

/** The `imports` table: one row per run, its progress committed with each batch. */
export type ImportStatus = 'running' | 'completed' | 'failed' | 'interrupted';

export interface ImportRow {
  id: string;
  dataset: string;
  format: string;
  fileName: string | null;
  fileSha256: string | null;
  orgId: string;
  startedBy: string | null;
  status: ImportStatus;
  linesRead: number;
  /** Records this run wrote or found already up to date. */
  imported: number;
  rejected: number;
  startedAt: string;
  finishedAt: string | null;
  message: string | null;
}

interface DbImportRow {
  id: string;
  dataset: string;
  format: string;
  file_name: string | null;
  file_sha256: string | null;
  org_id: string;
  started_by: string | null;
  status: ImportStatus;
  lines_read: number;
  imported: number;
  rejected: number;
  started_at: Date | string;
  finished_at: Date | string | null;
  message: string | null;
}

const iso = (v: Date | string) => new Date(v).toISOString();

const toImportRow = (r: DbImportRow): ImportRow => ({
  id: r.id,
  dataset: r.dataset,
  format: r.format,
  fileName: r.file_name,
  fileSha256: r.file_sha256,
  orgId: r.org_id,
  startedBy: r.started_by,
  status: r.status,
  linesRead: r.lines_read,
  imported: r.imported,
  rejected: r.rejected,
  startedAt: iso(r.started_at),
  finishedAt: r.finished_at === null ? null : iso(r.finished_at),
  message: r.message,
});

export interface ImportCounts {
  linesRead: number;
  imported: number;
  rejected: number;
}

export async function insertImport(
  db: Queryable,
  row: { id: string; dataset: string; format: string; fileName: string | null; orgId: string; startedBy: string },
): Promise<void> {
  await db.query(sql`INSERT INTO imports (id, dataset, format, file_name, org_id, started_by, status)
    VALUES (${row.id}::uuid, ${row.dataset}, ${row.format}, ${row.fileName}, ${row.orgId}, ${row.startedBy}, 'running')`);
}

/** Adds one batch's counts: batches may commit in any order, the sums stay true. */
export async function addProgress(db: Queryable, id: string, batch: ImportCounts): Promise<void> {
  await db.query(sql`UPDATE imports SET lines_read = lines_read + ${batch.linesRead}, imported = imported + ${batch.imported},
      rejected = rejected + ${batch.rejected}
    WHERE id = ${id}::uuid`);
}

/** The counts are already there, added batch by batch (and rolled back with an all-or-nothing import). */
export async function finishImport(
  db: Queryable,
  id: string,
  end: { status: Exclude<ImportStatus, 'running'>; fileSha256: string | null; message: string | null },
): Promise<void> {
  await db.query(sql`UPDATE imports SET status = ${end.status}, file_sha256 = ${end.fileSha256}, message = ${end.message}, finished_at = now()
    WHERE id = ${id}::uuid`);
}

/** An import run by the given organisation; another organisation's is "not found". */
export async function findImport(db: Queryable, id: string, orgId: string): Promise<ImportRow | undefined> {
  const { rows } = await db.query<DbImportRow>(sql`SELECT * FROM imports WHERE id = ${id}::uuid AND org_id = ${orgId}`);
  return rows[0] ? toImportRow(rows[0]) : undefined;
}

export async function organisationIds(db: Queryable): Promise<Set<string>> {
  const { rows } = await db.query<{ id: string }>(sql`SELECT id FROM organisations`);
  return new Set(rows.map((r) => r.id));
}

export async function organisationKind(db: Queryable, id: string): Promise<string | undefined> {
  const { rows } = await db.query<{ kind: string }>(sql`SELECT kind FROM organisations WHERE id = ${id}`);
  return rows[0]?.kind;
}
