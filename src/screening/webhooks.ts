import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import sql, { join } from 'sql-template-tag';
import { actorLabel, type Actor } from '../kernel/access/actor.ts';
import { requirePermission } from '../kernel/access/permissions.ts';
import { appendAudit } from '../kernel/audit/audit.ts';
import { notFound } from '../kernel/errors.ts';
import type { Queryable, Store } from '../kernel/store/store.ts';

/**
 * Webhooks: an organisation registers a URL; events about it (a hit on its records) are
 * written to an outbox in the transaction of the event and posted by a worker, signed
 * (HMAC-SHA256 with the organisation's secret over `<timestamp>.<body>`), with the delivery id
 * as idempotency key: a receiver that sees an id twice (a retry after a lost answer) ignores it.
 */

/** Waits before each retry: then the delivery is marked failed (6 attempts in all). */
export const WEBHOOK_BACKOFF_MS = [1_000, 5_000, 30_000, 5 * 60_000, 30 * 60_000];
export const WEBHOOK_MAX_ATTEMPTS = WEBHOOK_BACKOFF_MS.length + 1;
/** A claimed delivery is not claimed again (by this or another process) for this long. */
const LEASE_MS = 2 * 60_000;

export const SIGNATURE_HEADER = 'x-passerelle-signature';
export const DELIVERY_HEADER = 'x-passerelle-delivery';
export const TIMESTAMP_HEADER = 'x-passerelle-timestamp';
export const EVENT_HEADER = 'x-passerelle-event';

/**
 * The signature a receiver recomputes to trust a delivery: `sha256=` and the hex HMAC-SHA256
 * of `<timestamp>.<raw body>` under the organisation's secret.
 *
 * @example sign('whsec_…', '1767225600', '{"id":…}') // 'sha256=5f1c…'
 */
export const sign = (secret: string, timestamp: string, body: string): string =>
  `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;

/** Adds deliveries to the outbox, in one statement, for the organisations that have a webhook; returns the ids of those queued. */
export async function enqueueDeliveries(tx: Queryable, events: { orgId: string; event: string; payload: Record<string, unknown> }[]): Promise<string[]> {
  if (events.length === 0) return [];
  const withIds = events.map((e) => ({ ...e, id: randomUUID() }));
  const rows = withIds.map((e) => sql`(${e.id}::uuid, ${e.orgId}::text, ${e.event}::text, ${JSON.stringify(e.payload)}::jsonb)`);
  const { rows: queued } = await tx.query<{ id: string }>(sql`
    INSERT INTO webhook_deliveries (id, org_id, event, payload)
    SELECT v.id, w.org_id, v.event, v.payload FROM (VALUES ${join(rows)}) AS v (id, org_id, event, payload) JOIN org_webhooks w ON w.org_id = v.org_id
    RETURNING id`);
  const ids = new Set(queued.map((r) => r.id));
  return withIds.filter((e) => ids.has(e.id)).map((e) => e.id);
}

export interface WebhookView {
  orgId: string;
  url: string;
  updatedAt: string;
}

/** Registering an organisation's webhook: its administrators (or the hub's). */
export class WebhooksService {
  constructor(private readonly store: Store) {}

  async get(actor: Actor, orgId: string): Promise<WebhookView | null> {
    this.mayManage(actor, orgId);
    const { rows } = await this.store.query<{ org_id: string; url: string; updated_at: Date | string }>(sql`SELECT org_id, url, updated_at FROM org_webhooks WHERE org_id = ${orgId}`);
    const row = rows[0];
    return row ? { orgId: row.org_id, url: row.url, updatedAt: new Date(row.updated_at).toISOString() } : null;
  }

  /** Sets the URL and a new secret, returned this once (setting it again rotates the secret). */
  async set(actor: Actor, orgId: string, url: string): Promise<WebhookView & { secret: string }> {
    this.mayManage(actor, orgId);
    const secret = `whsec_${randomBytes(32).toString('base64url')}`;
    return this.store.transaction(async (tx) => {
      const { rows } = await tx.query<{ updated_at: Date | string }>(sql`
        INSERT INTO org_webhooks (org_id, url, secret, updated_by)
        SELECT o.id, ${url}, ${secret}, ${actorLabel(actor)} FROM organisations o WHERE o.id = ${orgId}
        ON CONFLICT (org_id) DO UPDATE SET url = EXCLUDED.url, secret = EXCLUDED.secret, updated_by = EXCLUDED.updated_by, updated_at = now()
        RETURNING updated_at`);
      if (!rows[0]) throw notFound('organisation', orgId);
      await appendAudit(tx, actor, { action: 'org.webhook_set', targetType: 'organisation', targetIds: [orgId], details: { url } });
      return { orgId, url, secret, updatedAt: new Date(rows[0].updated_at).toISOString() };
    });
  }

  /** Removes the webhook; deliveries still pending fail ("webhook removed"). */
  async remove(actor: Actor, orgId: string): Promise<void> {
    this.mayManage(actor, orgId);
    await this.store.transaction(async (tx) => {
      const { rowCount } = await tx.query(sql`DELETE FROM org_webhooks WHERE org_id = ${orgId}`);
      if (rowCount === 0) throw notFound('webhook of organisation', orgId);
      await appendAudit(tx, actor, { action: 'org.webhook_removed', targetType: 'organisation', targetIds: [orgId] });
    });
  }

  /** Another organisation's webhook is answered as absent, so existence never leaks. */
  private mayManage(actor: Actor, orgId: string): void {
    requirePermission(actor, 'orgs:manage');
    if (actor.orgKind !== 'hub' && actor.orgId !== orgId) throw notFound('organisation', orgId);
  }
}

export interface DeliveryRound {
  delivered: number;
  retrying: number;
  failed: number;
}

interface Claimed {
  id: string;
  event: string;
  payload: Record<string, unknown>;
  attempts: number;
  created_at: Date | string;
  url: string;
  secret: string;
}

export interface WebhookWorkerOptions {
  fetch?: typeof fetch;
  /** Per attempt. */
  timeoutMs?: number;
  batchSize?: number;
  onError?: (error: unknown) => void;
}

/**
 * Posts due deliveries. `deliverDue(now)` is one round (tests drive it with their own clock);
 * `start()` runs rounds on a timer that never keeps the process alive, `stop()` ends it and
 * waits for the round in flight. Several processes may run one: a delivery is claimed (leased)
 * with SKIP LOCKED before it is posted.
 */
export class WebhookWorker {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<DeliveryRound> | null = null;

  constructor(
    private readonly store: Store,
    private readonly options: WebhookWorkerOptions = {},
  ) {}

  start(intervalMs = 2_000): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.deliverDue(new Date())
        .catch((error: unknown) => {
          this.options.onError?.(error);
          return { delivered: 0, retrying: 0, failed: 0 };
        })
        .finally(() => {
          this.running = null;
        });
    }, intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  async deliverDue(now: Date): Promise<DeliveryRound> {
    const round: DeliveryRound = { delivered: 0, retrying: 0, failed: 0 };
    await this.store.query(sql`UPDATE webhook_deliveries d SET status = 'failed', last_error = 'webhook removed'
      WHERE d.status = 'pending' AND NOT EXISTS (SELECT 1 FROM org_webhooks w WHERE w.org_id = d.org_id)`);
    const { rows } = await this.store.query<Claimed>(sql`
      UPDATE webhook_deliveries d SET attempts = d.attempts + 1, next_attempt_at = ${new Date(now.getTime() + LEASE_MS).toISOString()}::timestamptz
      FROM org_webhooks w
      WHERE w.org_id = d.org_id AND d.id IN (
        SELECT id FROM webhook_deliveries WHERE status = 'pending' AND next_attempt_at <= ${now.toISOString()}::timestamptz
        ORDER BY next_attempt_at, id LIMIT ${this.options.batchSize ?? 20} FOR UPDATE SKIP LOCKED)
      RETURNING d.id, d.event, d.payload, d.attempts, d.created_at, w.url, w.secret`);
    for (const delivery of rows) {
      const error = await this.post(delivery, now);
      if (error === null) {
        round.delivered += 1;
        await this.store.query(sql`UPDATE webhook_deliveries SET status = 'delivered', delivered_at = ${now.toISOString()}::timestamptz, last_error = NULL WHERE id = ${delivery.id}::uuid`);
      } else if (delivery.attempts >= WEBHOOK_MAX_ATTEMPTS) {
        round.failed += 1;
        await this.store.query(sql`UPDATE webhook_deliveries SET status = 'failed', last_error = ${error} WHERE id = ${delivery.id}::uuid`);
      } else {
        round.retrying += 1;
        const next = new Date(now.getTime() + (WEBHOOK_BACKOFF_MS[delivery.attempts - 1] ?? 0));
        await this.store.query(sql`UPDATE webhook_deliveries SET next_attempt_at = ${next.toISOString()}::timestamptz, last_error = ${error} WHERE id = ${delivery.id}::uuid`);
      }
    }
    return round;
  }

  /** Null when the receiver answered 2xx; otherwise why not. */
  private async post(delivery: Claimed, now: Date): Promise<string | null> {
    const body = JSON.stringify({ id: delivery.id, event: delivery.event, createdAt: new Date(delivery.created_at).toISOString(), data: delivery.payload });
    const timestamp = String(Math.floor(now.getTime() / 1000));
    try {
      const response = await (this.options.fetch ?? fetch)(delivery.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [DELIVERY_HEADER]: delivery.id,
          [EVENT_HEADER]: delivery.event,
          [TIMESTAMP_HEADER]: timestamp,
          [SIGNATURE_HEADER]: sign(delivery.secret, timestamp, body),
        },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
      });
      await response.body?.cancel();
      return response.ok ? null : `HTTP ${response.status}`;
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
  }
}
