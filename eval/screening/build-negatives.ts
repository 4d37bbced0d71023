/**
 * Writes eval/screening/negatives.jsonl: people who are not on the SDN list. Names come
 * from Febrl datasets 1–3 (originals only) and Splink fake_1000 (public, synthetic,
 * independent of OFAC) plus negatives-hand.txt (travellers' names written by hand).
 * A name whose key (lower case, words sorted, punctuation dropped: see nameKey) equals the
 * key of any SDN name or a.k.a. is dropped. Deterministic: the first names in file order.
 *
 *   node --import tsx eval/screening/build-negatives.ts
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { EVAL_DIR, RESEARCH_DATA, nameKey, readSdn, sdnNameKeys } from './sdn.ts';

const TAKE = { 'febrl/dataset1.csv': 150, 'febrl/dataset2.csv': 100, 'febrl/dataset3.csv': 100, 'splink/fake_1000.csv': 150 } as const;

interface Candidate { source: string; name: string }

function fromCsv(file: keyof typeof TAKE): Candidate[] {
  const rows = parse<Record<string, string>>(fs.readFileSync(path.join(RESEARCH_DATA, file), 'utf8'), { columns: true, trim: true, skip_empty_lines: true });
  const febrl = file.startsWith('febrl/');
  return rows
    .filter((row) => !febrl || row.rec_id?.endsWith('-org'))
    .map((row) => ({
      source: `${file} ${febrl ? row.rec_id : `unique_id=${row.unique_id}`}`,
      name: [febrl ? row.given_name : row.first_name, row.surname].filter((part) => part && part.trim() !== '').join(' '),
    }))
    .filter((c) => c.name.includes(' '));
}

const sdnKeys = sdnNameKeys(readSdn().values());
const seen = new Set<string>();
const dropped: Candidate[] = [];
const lines: string[] = [];
function take(candidates: Candidate[], limit: number) {
  let taken = 0;
  for (const candidate of candidates) {
    if (taken >= limit) break;
    const key = nameKey(candidate.name);
    if (seen.has(key)) continue;
    seen.add(key);
    if (sdnKeys.has(key)) { dropped.push(candidate); continue; }
    lines.push(JSON.stringify({ id: `neg-${String(lines.length + 1).padStart(4, '0')}`, kind: 'negative', source: candidate.source, query: { name: candidate.name } }));
    taken += 1;
  }
}
for (const [file, limit] of Object.entries(TAKE)) take(fromCsv(file as keyof typeof TAKE), limit);
const hand = fs.readFileSync(path.join(EVAL_DIR, 'negatives-hand.txt'), 'utf8').split('\n').map((l) => l.trim()).filter(Boolean);
take(hand.map((name, i) => ({ source: `negatives-hand.txt line ${i + 1}`, name })), hand.length);

fs.writeFileSync(path.join(EVAL_DIR, 'negatives.jsonl'), `${lines.join('\n')}\n`);
console.log(`negatives.jsonl: ${lines.length} lines; dropped as SDN collisions: ${dropped.map((d) => `${d.name} (${d.source})`).join('; ') || 'none'}`);
