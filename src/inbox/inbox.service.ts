import type { Actor } from '../kernel/access/actor.ts';
import { actorNames } from '../kernel/access/actor-names.ts';
import { appendAudit } from '../kernel/audit/audit.ts';
import { forbidden, notFound } from '../kernel/errors.ts';
import type { Store } from '../kernel/store/store.ts';
import { recentActivity, type ActivityRow } from './activity.repository.ts';
import {
  countUnread,
  listNotifications,
  markAllRead,
  markRead,
  reviewTasks,
  type NotificationPage,
  type NotificationView,
  type Reader,
  type ReviewTask,
} from './inbox.repository.ts';

/** Records whose review falls due within this many days are listed as tasks (overdue ones always). */
export const REVIEW_TASK_DAYS = 30;

export interface InboxPage {
  items: NotificationView[];
  unread: number;
  nextBefore: string | null;
}

export type ActivityItem = ActivityRow & { actorName: string | null };

/** The inbox belongs to a person: an API key has none to read. */
function readerOf(actor: Actor): Reader {
  if (!actor.userId) throw forbidden('The inbox belongs to a person; sign in as one instead of using an API key.');
  return { userId: actor.userId, orgId: actor.orgId };
}

/**
 * A person's inbox (notifications capabilities wrote with `notify`), the records their
 * organisation must review, and its recent activity. Reading and marking notifications is
 * not audited: they hold no police data beyond what the act that wrote them already audited,
 * and read marks are the person's own interface state. Listing the review tasks shows
 * records, so it is audited as a search like any other list of records.
 */
export class InboxService {
  constructor(private readonly store: Store) {}

  async list(actor: Actor, page: NotificationPage): Promise<InboxPage> {
    const reader = readerOf(actor);
    return this.store.transaction(async (tx) => {
      const { items, nextBefore } = await listNotifications(tx, reader, page);
      return { items, nextBefore, unread: await countUnread(tx, reader) };
    });
  }

  async unreadCount(actor: Actor): Promise<{ unread: number }> {
    return { unread: await countUnread(this.store, readerOf(actor)) };
  }

  async markRead(actor: Actor, id: string): Promise<{ item: NotificationView; unread: number }> {
    const reader = readerOf(actor);
    return this.store.transaction(async (tx) => {
      const item = await markRead(tx, reader, id);
      if (!item) throw notFound('notification', id);
      return { item, unread: await countUnread(tx, reader) };
    });
  }

  async markAllRead(actor: Actor): Promise<{ marked: number; unread: number }> {
    const reader = readerOf(actor);
    return this.store.transaction(async (tx) => ({ marked: await markAllRead(tx, reader), unread: await countUnread(tx, reader) }));
  }

  async tasks(actor: Actor, limit: number): Promise<{ items: ReviewTask[]; total: number; withinDays: number }> {
    const withinDays = REVIEW_TASK_DAYS;
    // Without records:read the access rule yields nothing: answer so without auditing a search.
    if (!actor.permissions.has('records:read')) return { items: [], total: 0, withinDays };
    return this.store.transaction(async (tx) => {
      const { items, total } = await reviewTasks(tx, actor, withinDays, limit);
      await appendAudit(tx, actor, {
        action: 'record.search',
        targetType: 'record',
        targetIds: items.map((t) => t.recordId),
        details: { view: 'review-tasks', withinDays, total },
      });
      return { items, total, withinDays };
    });
  }

  async activity(actor: Actor, limit: number): Promise<{ items: ActivityItem[] }> {
    const rows = await recentActivity(this.store, actor.orgId, limit);
    const names = await actorNames(this.store, rows.map((r) => r.actorUser));
    return { items: rows.map((r) => ({ ...r, actorName: r.actorUser ? (names.get(r.actorUser) ?? null) : null })) };
  }
}
