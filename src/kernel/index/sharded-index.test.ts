import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Worker } from 'node:worker_threads';
import { recordLine, type IndexedRow, type ScreenRequest } from './index-shard.ts';
import { ShardedIndex, shardOf } from './sharded-index.ts';

const GIVEN = ['Maria', 'Jose', 'Mohammed', 'Fatima', 'Ivan', 'Olga', 'Wei', 'Li', 'Aisha', 'Omar', 'Pierre', 'Anne', 'Juan', 'Lucia', 'Dmitri', 'Elena', 'Ahmed', 'Leila', 'Hans', 'Greta'];
const FAMILY = ['Garcia', 'Lopez', 'Ivanov', 'Petrova', 'Haddad', 'Mansour', 'Zhang', 'Wang', 'Dubois', 'Martin', 'Smirnov', 'Kowalski', 'Nowak', 'Rahman', 'Hussein', 'Schmidt', 'Muller', 'Rossi', 'Bianchi', 'Okafor'];
const SCRIPTS: Record<string, string> = { Ivan: 'Иван', Olga: 'Ольга', Ivanov: 'Иванов', Petrova: 'Петрова', Mohammed: 'محمد', Haddad: 'حداد', Omar: 'عمر', Mansour: 'منصور' };

/** A deterministic walk through the lists (a linear congruential generator): the same watch list on every run. */
function* sequence(seed: number): Generator<number> {
  let state = seed;
  for (;;) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    yield state >>> 8;
  }
}

/** Its last digits are the record's number: the shards take odd and even numbers. */
const uuid = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

/**
 * A watch list as the database hands it to the index (namesakes by the hundred: 20 × 20
 * names for `count` persons, some with a native-script alias), and some of its persons as
 * another bureau wrote them: a letter dropped, or family name first.
 */
function watchList(count: number): { rows: IndexedRow[]; queries: { name: string; birthDate?: string; expected: string }[] } {
  const rows: IndexedRow[] = [];
  const queries: { name: string; birthDate?: string; expected: string }[] = [];
  const next = sequence(count);
  const pick = <T>(list: readonly T[]) => list[(next.next().value as number) % list.length] as T;
  for (let n = 1; n <= count; n += 1) {
    const given = pick(GIVEN);
    const family = pick(FAMILY);
    const birthDate = `19${50 + (n % 50)}-0${1 + (n % 9)}-1${n % 10}`;
    const alias = SCRIPTS[given] && SCRIPTS[family] ? [`${SCRIPTS[given]} ${SCRIPTS[family]}`] : null;
    const properties: Record<string, string[]> = { name: [`${given} ${family}`], birthDate: [birthDate], ...(alias ? { alias } : {}) };
    const id = uuid(n);
    const row: IndexedRow = { id, line: recordLine({ id, version: 1, schema: 'Person', dataset: 'watch', source_id: `p${n}`, owner_org: 'ncb-fr', status: 'active', properties }) };
    rows.push(row);
    if (n % 7 === 0) queries.push({ name: n % 2 ? `${family.toUpperCase()} ${given}` : `${given} ${family.slice(0, 2)}${family.slice(3)}`, birthDate, expected: row.id });
  }
  return { rows, queries };
}

const request = (q: { name: string; birthDate?: string }): ScreenRequest => ({
  subject: { names: [q.name], identifiers: [], birthDate: q.birthDate },
  candidates: 64, threshold: 0.72, limit: 10, datasets: null,
});

describe('the name index split into shards', () => {
  const { rows, queries } = watchList(3000);
  const single = new ShardedIndex(1);
  const threads: Worker[] = [];
  const sharded = new ShardedIndex(2, { onThread: (thread) => threads.push(thread) });

  beforeAll(async () => {
    await Promise.all([single.apply(rows), sharded.apply(rows)]);
    await Promise.all([single.settle(), sharded.settle()]);
  });
  afterAll(async () => {
    await Promise.all([single.close(), sharded.close()]);
  });

  it('puts each record in one shard, by its id, and holds them all', async () => {
    const counts = [0, 0];
    for (const row of rows) counts[shardOf(row.id, 2)] = (counts[shardOf(row.id, 2)] ?? 0) + 1;
    expect(Math.min(...counts)).toBeGreaterThan(rows.length * 0.4);
    expect((await sharded.stats()).entries).toBe((await single.stats()).entries);
    expect((await sharded.get(rows[0]?.id ?? ''))?.id).toBe(rows[0]?.id);
  });

  it('answers as one index does: the same best match for every subject, from threads working in parallel', async () => {
    expect(threads).toHaveLength(2);
    expect(queries.length).toBeGreaterThan(100);
    const [one, two] = await Promise.all([single.screen(queries.map(request)), sharded.screen(queries.map(request))]);
    let found = 0;
    queries.forEach((q, i) => {
      const a = one[i] ?? [];
      const b = two[i] ?? [];
      expect(b[0]?.score ?? 0, q.name).toBeCloseTo(a[0]?.score ?? 0, 6);
      if (b.some((m) => m.entry.id === q.expected)) found += 1;
    });
    // Variant records of loaded persons (misspelt, reordered, transliterated): the generator's truth.
    expect(found / queries.length).toBeGreaterThan(0.9);
  });
});

describe('a shard whose thread dies', () => {
  it('fails what it was asked with a clear error, and reports the index broken so it is rebuilt', async () => {
    const threads: Worker[] = [];
    const index = new ShardedIndex(2, { onThread: (thread) => threads.push(thread) });
    const { rows } = watchList(200);
    await index.apply(rows);
    expect(index.broken).toBeNull();
    await threads[1]?.terminate();
    await expect(index.screen([request({ name: 'Anyone Atall' })])).rejects.toMatchObject({ code: 'INDEX_UNAVAILABLE', status: 503 });
    expect(index.broken?.message).toMatch(/rebuilt/);
    await index.close();
  });

  it('fails the calls waiting for a thread that dies before it starts, rather than leaving them waiting', async () => {
    const index = new ShardedIndex(2, { onThread: (thread) => void thread.terminate() });
    await expect(index.stats()).rejects.toMatchObject({ code: 'INDEX_UNAVAILABLE' });
    await index.close();
  });
});
