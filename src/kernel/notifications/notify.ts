import { randomUUID } from 'node:crypto';
import sql from 'sql-template-tag';
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
  const n = notification;
  const id = n.id ?? randomUUID();
  const userId = n.userId ?? null;
  // The addressee must belong to the organisation, or nobody would ever see the notification.
  const { rowCount } = await tx.query(sql`
    INSERT INTO notifications (id, org_id, user_id, kind, title, body, ref_type, ref_id, priority)
    SELECT ${id}::uuid, o.id, ${userId}, ${n.kind}, ${n.title}, ${n.body ?? null}, ${n.ref?.type ?? null}, ${n.ref?.id ?? null}, ${n.priority ?? 'normal'}
    FROM organisations o
    WHERE o.id = ${n.orgId} AND (${userId}::text IS NULL OR EXISTS (SELECT 1 FROM users u WHERE u.id = ${userId} AND u.org_id = o.id))
    ON CONFLICT (id) DO NOTHING`);
  if (rowCount === 0) {
    // Nothing written: delivered before under this id (fine), or nobody to deliver to (a bug).
    const delivered = await tx.query(sql`SELECT 1 FROM notifications WHERE id = ${id}::uuid`);
    if (delivered.rows.length === 0) throw technical(`notify: no organisation ${n.orgId}${userId ? ` with a user ${userId}` : ''} to notify`);
  }
  return id;
}
