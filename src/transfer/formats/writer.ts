import type { PoliceRecord } from '../../kernel/records/record.ts';

/**
 * An export format: turns records into text, a page at a time. `ids` gives, for each
 * record id a page refers to (its own and its links'), the id to write: the source id when
 * the record has one, so links survive a round trip through another system.
 */
export interface ExportWriter {
  contentType: string;
  extension: string;
  header(): string;
  write(record: PoliceRecord, ids: ReadonlyMap<string, string>): string;
}

/** The metadata that travels with a record wherever it goes (handling codes above all). */
export function passerelleMeta(record: PoliceRecord) {
  return {
    recordId: record.id,
    owner: record.ownerOrg,
    crimeArea: record.crimeArea,
    ...(record.purpose ? { purpose: record.purpose } : {}),
    restriction: record.restriction,
    handling: record.handling.note ? record.handling : { code: record.handling.code },
    evaluation: record.evaluation,
    reviewDate: record.reviewDate,
    status: record.status,
    ...(record.cancelReason ? { cancelReason: record.cancelReason } : {}),
    version: record.version,
  };
}
