import sql, { raw } from 'sql-template-tag';
import type { Queryable } from '../kernel/store/store.ts';

/**
 * The acts shown as an organisation's recent activity. Reads and searches (most of the
 * trail) are left out: they are the auditors' business, not a colleague's news feed.
 * The same list is the predicate of the partial index audit_log_org_activity (migration 005):
 * change both together.
 */
export const ACTIVITY_ACTIONS = ['record.create', 'record.update', 'record.cancel', 'import.run', 'export.run', 'auth.login'] as const;
export type ActivityAction = (typeof ACTIVITY_ACTIONS)[number];

// Written into the SQL as literals (fixed strings, no input) so the planner matches the partial index.
const ACTION_LIST = raw(ACTIVITY_ACTIONS.map((a) => `'${a}'`).join(', '));

export interface ActivityRow {
  seq: number;
  at: string;
  actorUser: string | null;
  action: ActivityAction;
  targetType: string | null;
  /** The one thing acted on (a record, an import); null when the act concerned several or none. */
  targetId: string | null;
  /** How many records the act concerned, when it says. */
  count: number | null;
}

interface Row {
  seq: number | string;
  at: Date | string;
  actor_user: string | null;
  action: ActivityAction;
  target_type: string | null;
  target_id: string | null;
  count: number | null;
}

/**
 * The latest acts of an organisation's people and API keys, newest first. An import or an
 * export appears once, when it finished, not once per batch or at its start.
 */
export async function recentActivity(db: Queryable, orgId: string, limit: number): Promise<ActivityRow[]> {
  const { rows } = await db.query<Row>(sql`
    SELECT seq, at, actor_user, action, target_type, CASE WHEN cardinality(target_ids) = 1 THEN target_ids[1] END AS target_id,
      CASE
        WHEN action = 'import.run' THEN (details->>'inserted')::int + (details->>'updated')::int
        WHEN action = 'export.run' THEN (details->>'count')::int
        WHEN action LIKE 'record.%' THEN coalesce((details->>'count')::int, cardinality(target_ids))
      END AS count
    FROM audit_log
    WHERE actor_org = ${orgId} AND action IN (${ACTION_LIST})
      AND (action <> 'import.run' OR details ? 'status')
      AND (action <> 'export.run' OR details->>'stage' IS DISTINCT FROM 'started')
    ORDER BY seq DESC
    LIMIT ${limit}`);
  return rows.map((r) => ({
    seq: Number(r.seq),
    at: new Date(r.at).toISOString(),
    actorUser: r.actor_user,
    action: r.action,
    targetType: r.target_type,
    targetId: r.target_id,
    count: r.count,
  }));
}
