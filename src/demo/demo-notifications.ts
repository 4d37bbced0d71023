import { createHash } from 'node:crypto';
import sql from 'sql-template-tag';
import { notify } from '../kernel/notifications/notify.ts';
import type { Queryable } from '../kernel/store/store.ts';
import { DEMO_DATASET } from './demo-records.ts';

/** How many overdue records of each organisation get a "review overdue" notification. */
const REVIEW_NOTICES_PER_ORG = 3;

/** A fixed id per notice, so seeding again (`--force`) never notifies twice. */
function demoNotificationId(key: string): string {
  const hex = createHash('sha256').update(`passerelle-demo-notification:${key}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * Gives the demo's home pages something to show: a notice from the General Secretariat to
 * every organisation, and for each bureau a few of its overdue records to review.
 */
export async function seedDemoNotifications(tx: Queryable, orgIds: string[], today: Date): Promise<void> {
  for (const orgId of orgIds) {
    await notify(tx, {
      id: demoNotificationId(`welcome:${orgId}`),
      orgId,
      kind: 'notice',
      title: 'Welcome to the Passerelle demonstration',
      body: 'Screening hits, messages from other organisations and cross-check matches will arrive in this inbox. Everything here is synthetic data.',
    });
  }
  const { rows } = await tx.query<{ id: string; caption: string; owner_org: string; review_date: string }>(sql`
    SELECT id, caption, owner_org, review_date FROM (
      SELECT id, caption, owner_org, review_date, row_number() OVER (PARTITION BY owner_org ORDER BY review_date, id) AS rank
      FROM records
      WHERE dataset = ${DEMO_DATASET} AND status = 'active' AND review_date < ${today.toISOString().slice(0, 10)}::date
        AND owner_org = ANY(${orgIds}::text[])
    ) AS overdue WHERE rank <= ${REVIEW_NOTICES_PER_ORG}`);
  for (const record of rows) {
    await notify(tx, {
      id: demoNotificationId(`review:${record.id}`),
      orgId: record.owner_org,
      kind: 'record.review_due',
      title: `Review overdue: ${record.caption}`.slice(0, 300),
      body: `The review date (${record.review_date}) has passed: review the record, then extend its review date or cancel it.`,
      ref: { type: 'record', id: record.id },
      priority: 'high',
    });
  }
}
