import http from 'node:http';
import type { AddressInfo } from 'node:net';
import sql from 'sql-template-tag';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStore } from '../../test/db.ts';
import { makeOrg, makeRecord, makeUser, type TestUser } from '../../test/factories.ts';
import { NameIndexSync } from '../kernel/index/index-sync.ts';
import type { Store } from '../kernel/store/store.ts';
import { ScreeningService } from './screening.service.ts';
import { DELIVERY_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, WEBHOOK_MAX_ATTEMPTS, WebhookWorker, WebhooksService, sign } from './webhooks.ts';

interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A receiver on a free local port answering each request with the next status of `statuses` (the last one repeats). */
async function receiver(statuses: number[]) {
  const received: Received[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      response.statusCode = statuses[Math.min(received.length - 1, statuses.length - 1)] ?? 200;
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/hook`, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

let store: Store;
let sync: NameIndexSync;
let screening: ScreeningService;
let webhooks: WebhooksService;
let worker: WebhookWorker;

beforeAll(async () => {
  store = await createTestStore();
  sync = new NameIndexSync(store);
  screening = new ScreeningService(store, sync);
  webhooks = new WebhooksService(store);
  worker = new WebhookWorker(store);
});
afterAll(async () => {
  await sync.close();
  await store.close();
});

/** An owner bureau with a webhook at `url`, one of its records, and a hit on it by another bureau. */
async function hitWithWebhook(url: string, name: string) {
  const org = await makeOrg(store);
  const admin = await makeUser(store, org, 'admin');
  const owner: TestUser = await makeUser(store, org);
  const { secret } = await webhooks.set(admin.actor, org.id, url);
  await makeRecord(store, owner, { properties: { name: [name], birthDate: ['1975-09-09'] } });
  await sync.catchUp();
  const asker = await makeUser(store, await makeOrg(store));
  const { matches } = await screening.screen(asker.actor, { name, birthDate: '1975-09-09' });
  const { rows } = await store.query<{ id: string }>(sql`SELECT id FROM webhook_deliveries WHERE org_id = ${org.id}`);
  return { secret, hitId: matches[0]?.hitId, asker, deliveryId: rows[0]?.id ?? '' };
}

const stateOf = async (id: string) =>
  (await store.query<{ status: string; attempts: number; last_error: string | null }>(sql`SELECT status, attempts, last_error FROM webhook_deliveries WHERE id = ${id}::uuid`)).rows[0];

describe('webhook deliveries', () => {
  it('posts a hit to the owner’s webhook, signed, retrying after a failure with the same delivery id', async () => {
    const hook = await receiver([503, 200]);
    try {
      const { secret, hitId, asker, deliveryId } = await hitWithWebhook(hook.url, 'Wenceslas Dvořáček-Hrubý');
      const t0 = new Date(Date.now() + 1000);
      expect(await worker.deliverDue(t0)).toEqual({ delivered: 0, retrying: 1, failed: 0 });
      expect(await stateOf(deliveryId)).toEqual({ status: 'pending', attempts: 1, last_error: 'HTTP 503' });
      // Not due before the first backoff (1 s) has passed.
      expect(await worker.deliverDue(new Date(t0.getTime() + 999))).toEqual({ delivered: 0, retrying: 0, failed: 0 });
      expect(await worker.deliverDue(new Date(t0.getTime() + 1000))).toEqual({ delivered: 1, retrying: 0, failed: 0 });
      expect(await stateOf(deliveryId)).toEqual({ status: 'delivered', attempts: 2, last_error: null });

      expect(hook.received).toHaveLength(2);
      const [first, second] = hook.received;
      expect(first?.headers[DELIVERY_HEADER]).toBe(deliveryId);
      expect(second?.headers[DELIVERY_HEADER]).toBe(deliveryId);
      for (const r of hook.received) {
        expect(r.headers[SIGNATURE_HEADER]).toBe(sign(secret, String(r.headers[TIMESTAMP_HEADER]), r.body));
        expect(r.headers[SIGNATURE_HEADER]).not.toBe(sign('whsec_wrong', String(r.headers[TIMESTAMP_HEADER]), r.body));
      }
      const payload = JSON.parse(second?.body ?? '{}') as { id: string; event: string; data: Record<string, unknown> };
      expect(payload).toMatchObject({ id: deliveryId, event: 'screening.hit', data: { hitId, askerOrg: asker.org.id } });
      // Only ids and who asked leave in the webhook: the subject is read through the API.
      expect(second?.body).not.toContain('Wenceslas');
      expect(await worker.deliverDue(new Date(t0.getTime() + 3_600_000))).toEqual({ delivered: 0, retrying: 0, failed: 0 });
    } finally {
      await hook.close();
    }
  });

  it('gives up after the last backoff, marking the delivery failed', async () => {
    const hook = await receiver([500]);
    try {
      const { deliveryId } = await hitWithWebhook(hook.url, 'Perpetua Oyelaran-Vasquez');
      let now = Date.now() + 1000;
      for (let attempt = 1; attempt <= WEBHOOK_MAX_ATTEMPTS; attempt += 1) {
        await worker.deliverDue(new Date(now));
        now += 3_600_000;
      }
      expect(await stateOf(deliveryId)).toEqual({ status: 'failed', attempts: WEBHOOK_MAX_ATTEMPTS, last_error: 'HTTP 500' });
      expect(hook.received).toHaveLength(WEBHOOK_MAX_ATTEMPTS);
    } finally {
      await hook.close();
    }
  });

  it('enqueues nothing for an organisation without a webhook', async () => {
    const owner = await makeUser(store, await makeOrg(store));
    await makeRecord(store, owner, { properties: { name: ['Clementine Abernethy-Ruiz'] } });
    await sync.catchUp();
    const asker = await makeUser(store, await makeOrg(store));
    await screening.screen(asker.actor, { name: 'Clementine Abernethy-Ruiz' });
    const { rows } = await store.query(sql`SELECT 1 FROM webhook_deliveries WHERE org_id = ${owner.org.id}`);
    expect(rows).toEqual([]);
  });
});
