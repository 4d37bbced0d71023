import sql, { empty, type Sql } from 'sql-template-tag';
import type { Actor } from '../kernel/access/actor.ts';
import { readableRecords } from '../kernel/access/visibility.ts';
import type { NotificationPriority } from '../kernel/notifications/notify.ts';
import type { Queryable } from '../kernel/store/store.ts';

/** Whose inbox: a person of an organisation. */
export interface Reader {
  userId: string;
  orgId: string;
}

export interface NotificationView {
  id: string;
  kind: string;
  title: string;
  body: string | null;
  ref: { type: string; id: string } | null;
  priority: NotificationPriority;
  createdAt: string;
  /** Addressed to this person rather than to the whole organisation. */
  personal: boolean;
  readAt: string | null;
}

interface NotificationRow {
  id: string;
  kind: string;
  title: string;
  body: string | null;
  ref_type: string | null;
  ref_id: string | null;
  priority: NotificationPriority;
  created_at: Date | string;
  user_id: string | null;
  read_at: Date | string | null;
}

const iso = (v: Date | string) => new Date(v).toISOString();

const toView = (r: NotificationRow): NotificationView => ({
  id: r.id,
  kind: r.kind,
  title: r.title,
  body: r.body,
  ref: r.ref_type && r.ref_id ? { type: r.ref_type, id: r.ref_id } : null,
  priority: r.priority,
  createdAt: iso(r.created_at),
  personal: r.user_id !== null,
  readAt: r.read_at === null ? null : iso(r.read_at),
});

/** THE rule for who sees a notification: its organisation's people, when org-wide or addressed to them. */
const mine = (reader: Reader): Sql => sql`n.org_id = ${reader.orgId} AND (n.user_id IS NULL OR n.user_id = ${reader.userId})`;

const unread = (reader: Reader): Sql =>
  sql`NOT EXISTS (SELECT 1 FROM notification_reads nr WHERE nr.user_id = ${reader.userId} AND nr.notification_id = n.id)`;

export interface NotificationPage {
  limit: number;
  /** Only notifications older than this one (the id of the previous page's last item). */
  before?: string | undefined;
  unreadOnly?: boolean | undefined;
}

/**
 * A person's notifications, newest first, a page at a time. The cursor is the last item's id:
 * notifications arriving while someone pages never shift the older pages.
 */
export async function listNotifications(db: Queryable, reader: Reader, page: NotificationPage): Promise<{ items: NotificationView[]; nextBefore: string | null }> {
  const cursor = page.before
    ? sql`AND n.seq < (SELECT c.seq FROM notifications c WHERE c.id = ${page.before}::uuid)`
    : empty;
  const { rows } = await db.query<NotificationRow>(sql`
    SELECT n.id, n.kind, n.title, n.body, n.ref_type, n.ref_id, n.priority, n.created_at, n.user_id,
      (SELECT nr.read_at FROM notification_reads nr WHERE nr.user_id = ${reader.userId} AND nr.notification_id = n.id) AS read_at
    FROM notifications n
    WHERE ${mine(reader)} ${page.unreadOnly ? sql`AND ${unread(reader)}` : empty} ${cursor}
    ORDER BY n.seq DESC
    LIMIT ${page.limit + 1}`);
  const items = rows.slice(0, page.limit).map(toView);
  return { items, nextBefore: rows.length > page.limit ? (items.at(-1)?.id ?? null) : null };
}

/** Unread notifications are counted up to this many: the badge shows "99+" beyond. */
export const UNREAD_COUNT_LIMIT = 100;

export async function countUnread(db: Queryable, reader: Reader): Promise<number> {
  const { rows } = await db.query<{ n: number }>(sql`
    SELECT count(*)::int AS n FROM (SELECT 1 FROM notifications n WHERE ${mine(reader)} AND ${unread(reader)} LIMIT ${UNREAD_COUNT_LIMIT}) AS capped`);
  return rows[0]?.n ?? 0;
}

/** Marks one notification read for this person; false when they may not see it (or it does not exist). */
export async function markRead(db: Queryable, reader: Reader, id: string): Promise<NotificationView | null> {
  const visible = await db.query<{ id: string }>(sql`SELECT n.id FROM notifications n WHERE n.id = ${id}::uuid AND ${mine(reader)}`);
  if (visible.rows.length === 0) return null;
  await db.query(sql`INSERT INTO notification_reads (user_id, notification_id) VALUES (${reader.userId}, ${id}::uuid)
    ON CONFLICT (user_id, notification_id) DO NOTHING`);
  const { rows } = await db.query<NotificationRow>(sql`
    SELECT n.id, n.kind, n.title, n.body, n.ref_type, n.ref_id, n.priority, n.created_at, n.user_id, nr.read_at
    FROM notifications n JOIN notification_reads nr ON nr.notification_id = n.id AND nr.user_id = ${reader.userId}
    WHERE n.id = ${id}::uuid`);
  const row = rows[0];
  return row ? toView(row) : null;
}

/** Marks every notification this person sees read; returns how many were unread. */
export async function markAllRead(db: Queryable, reader: Reader): Promise<number> {
  const { rowCount } = await db.query(sql`
    INSERT INTO notification_reads (user_id, notification_id)
    SELECT ${reader.userId}, n.id FROM notifications n WHERE ${mine(reader)} AND ${unread(reader)}
    ON CONFLICT (user_id, notification_id) DO NOTHING`);
  return rowCount;
}

export interface ReviewTask {
  recordId: string;
  caption: string;
  schema: string;
  reviewDate: string;
  /** Days until the review date; negative when overdue. */
  daysLeft: number;
}

/**
 * Records the actor's organisation owns whose review date has passed or falls within
 * `withinDays`: they must be reviewed, extended or cancelled. Soonest first. Read through
 * the access rule like every other read of records.
 */
export async function reviewTasks(db: Queryable, actor: Actor, withinDays: number, limit: number): Promise<{ items: ReviewTask[]; total: number }> {
  const from = sql`${readableRecords(actor)} AS r
    WHERE r.owner_org = ${actor.orgId} AND r.status = 'active' AND r.review_date <= current_date + ${withinDays}::int`;
  const { rows } = await db.query<{ id: string; caption: string; schema: string; review_date: string; days_left: number }>(sql`
    SELECT r.id, r.caption, r.schema, r.review_date, (r.review_date - current_date)::int AS days_left
    FROM ${from} ORDER BY r.review_date, r.id LIMIT ${limit}`);
  const counted = await db.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM ${from}`);
  return {
    items: rows.map((r) => ({ recordId: r.id, caption: r.caption, schema: r.schema, reviewDate: r.review_date, daysLeft: r.days_left })),
    total: counted.rows[0]?.n ?? 0,
  };
}
