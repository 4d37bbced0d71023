import type { CrimeArea } from '../../kernel/records/record-meta.ts';

/** A FollowTheMoney entity as exchanged in JSON lines: every property a list of strings. */
export interface FtmEntity {
  id: string;
  schema: string;
  properties: Record<string, string[]>;
}

/** How a duplicate record of a person differs from the original. */
export type Variation = 'spelling' | 'transposed-date' | 'year-only-date' | 'missing-middle-name' | 'other-script' | 'name-order';

/** One generated entity with what the generator knows about it besides the entity itself. */
export interface GeneratedEntity {
  entity: FtmEntity;
  /** Entities of one synthetic case share this number: the demo gives each case one owning bureau. */
  caseNo: number;
  crimeArea: CrimeArea;
  /** The country the case is about (the bureau most likely to hold it). */
  country: string;
  /** Persons only: the synthetic individual behind the record; every record of the same person shares it. */
  identity?: string;
  /** Duplicates only: the id of the first record of the same person, and how this one differs. */
  duplicateOf?: string;
  variations?: Variation[];
}
