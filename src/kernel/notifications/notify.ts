import { randomUUID } from 'node:crypto';
import sql, { join } from 'sql-template-tag';
import { technical } from '../errors.ts';
import type { Queryable } from '../store/store.ts';

/** How urgently people should look; the inbox marks `high` and `urgent` ones. */
export const NOTIFICATION_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type NotificationPriority = (typeof NOTIFICATION_PRIORITIES)[number];

/** What a notification is about, so the inbox can link to it. */
export interface NotificationRef {
  type: 'record' | 'hit' | 'message' | 'match' | (string & { readonly __extension?: never });
  id: string;
}

export interface NewNotification {
  /**
   * A fixed id makes delivery idempotent: a second call with the same id writes nothing
   * (a screening hit notified once however often it is recomputed). Defaults to a fresh one.
   */
  id?: string;
  /** The organisation whose people see it. */
  orgId: string;
  /** One person of that organisation; null or absent: everyone in it. */
  userId?: string | null;
  /** A dotted machine name the web app translates and filters on: `record.review_due`, `screening.hit`, `notice`. */
  kind: string;
  /** One line, in the organisation's working language (1–300 characters). */
  title: string;
  body?: string | null;
  ref?: NotificationRef | null;
  priority?: NotificationPriority;
}

/**
 * Tells an organisation, or one of its people, that something needs their attention. Call it
 * with the transaction of the act that causes it, so the notice and the act land together or
 * not at all. Capabilities call it; the inbox capability reads and marks what it wrote.
 * Returns the notification's id.
 *
 * @example
 *   await store.transaction(async (tx) => {
 *     await tx.query(sql`INSERT INTO screening_hits …`);
 *     await notify(tx, {
 *       orgId: record.ownerOrg,
 *       kind: 'screening.hit',
 *       title: `Possible match for ${record.caption}`,
 *       ref: { type: 'hit', id: hitId },
 *       priority: 'high',
 *     });
 *   });
 */
export async function notify(tx: Queryable, notification: NewNotification): Promise<string> {
  const [id] = await notifyMany(tx, [notification]);
  if (!id) throw new Error('notifyMany returned no id for one notification');
  return id;
}

/** `notify` for several at once, in one statement (a passenger list's hits); returns their ids in order. */
export async function notifyMany(tx: Queryable, notifications: NewNotification[]): Promise<string[]> {
  if (notifications.length === 0) return [];
  const withIds = notifications.map((n) => ({ ...n, id: n.id ?? randomUUID(), userId: n.userId ?? null }));
  const rows = withIds.map((n) => sql`(${n.id}::uuid, ${n.orgId}::text, ${n.userId}::text, ${n.kind}::text, ${n.title}::text, ${n.body ?? null}::text,
    ${n.ref?.type ?? null}::text, ${n.ref?.id ?? null}::text, ${n.priority ?? 'normal'}::text)`);
  // The addressee must belong to the organisation, or nobody would ever see the notification.
  const { rowCount } = await tx.query(sql`
    INSERT INTO notifications (id, org_id, user_id, kind, title, body, ref_type, ref_id, priority)
    SELECT v.id, o.id, v.user_id, v.kind, v.title, v.body, v.ref_type, v.ref_id, v.priority
    FROM (VALUES ${join(rows)}) AS v (id, org_id, user_id, kind, title, body, ref_type, ref_id, priority)
    JOIN organisations o ON o.id = v.org_id
    WHERE v.user_id IS NULL OR EXISTS (SELECT 1 FROM users u WHERE u.id = v.user_id AND u.org_id = o.id)
    ON CONFLICT (id) DO NOTHING`);
  if (rowCount < withIds.length) {
    // Not all written: delivered before under these ids (fine), or nobody to deliver to (a bug).
    const { rows: present } = await tx.query<{ id: string }>(sql`SELECT id FROM notifications WHERE id = ANY(${withIds.map((n) => n.id)}::uuid[])`);
    const delivered = new Set(present.map((r) => r.id));
    const lost = withIds.find((n) => !delivered.has(n.id));
    if (lost) throw technical(`notify: no organisation ${lost.orgId}${lost.userId ? ` with a user ${lost.userId}` : ''} to notify`);
  }
  return withIds.map((n) => n.id);
}
