import { compareNames } from '../matching/compare-names.ts';
import { nameTokens } from '../matching/name-tokens.ts';
import { normaliseIdentifier } from './index-entry.ts';
import { identifierKey } from './index-keys.ts';
import type { NameIndex } from './name-index.ts';

/** Below this name score a record is not offered as a similar spelling. */
export const FUZZY_MIN_SCORE = 0.5;
const MAX_RANKED = 500;

export interface RankedRecord {
  id: string;
  score: number;
}

/**
 * The records whose names (in any script) or identifiers are spelt like `text`, most similar
 * first: the name index's candidates, scored word by word. Access is not decided here:
 * the caller selects the ids through `readableRecords`.
 *
 * @example rankBySpelling(index, 'Radomri Vukasinovic') // [{ id: '3f0c…', score: 0.93 }, …]
 */
export function rankBySpelling(index: NameIndex, text: string): RankedRecord[] {
  const query = nameTokens(text);
  const identifier = normaliseIdentifier(text);
  const identifiers = identifier.length >= 4 ? [identifier] : [];
  const scored: RankedRecord[] = [];
  for (const entry of index.candidates({ names: query.length ? [query] : [], identifiers }, MAX_RANKED)) {
    let score = 0;
    for (const name of entry.names) score = Math.max(score, compareNames(query, name).score);
    if (identifiers.length && entry.identifiers.some((id) => identifierKey(id) === identifierKey(identifier))) score = 1;
    if (score >= FUZZY_MIN_SCORE) scored.push({ id: entry.id, score });
  }
  return scored.sort((a, b) => b.score - a.score);
}
