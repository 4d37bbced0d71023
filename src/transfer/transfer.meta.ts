import { z } from 'zod';
import type { Actor } from '../kernel/access/actor.ts';
import { mayModify } from '../kernel/access/visibility.ts';
import { forbidden, validationFailed, type FieldProblem } from '../kernel/errors.ts';
import {
  CRIME_AREAS,
  RESTRICTION_MODES,
  evaluationSchema,
  handlingSchema,
  recordMetaSchema,
  resolveRecordMeta,
  restrictionSchema,
  type CrimeArea,
  type HandlingCode,
  type RecordMeta,
  type RestrictionMode,
  type SourceReliability,
} from '../kernel/records/record-meta.ts';
import type { RecordMetadata } from '../kernel/records/record.ts';

/**
 * Record metadata as imports and exports carry it: the import's defaults, a CSV mapping's
 * `defaults`, and the `passerelle` key of an exported line (which names the owner `owner`).
 */
const realDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'write the date as YYYY-MM-DD')
  .refine((d) => new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'is not a real calendar date');

// Refined again here: the kernel's isoDate accepts 2030-02-31, which the database then refuses.
const reviewDate = realDate.optional();

export const rowMetaSchema = z.object({
  owner: z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'is not an organisation id').optional(),
  crimeArea: z.enum(CRIME_AREAS).optional(),
  purpose: z.string().trim().max(2000).optional(),
  restriction: restrictionSchema.optional(),
  handling: handlingSchema.optional(),
  evaluation: evaluationSchema.optional(),
  reviewDate,
});
export type RowMeta = z.infer<typeof rowMetaSchema>;

/** What every imported record gets unless its line says otherwise. */
export type ResolvedMeta = RecordMetadata;

export type ImportDefaults = Omit<RecordMeta, 'ownerOrg'> & { ownerOrg?: string | undefined };

/** The defaults printed in `passerelle import --help` and used by the API when a field is left out. */
export const BUILT_IN_DEFAULTS = {
  crimeArea: 'other',
  restriction: { mode: 'everyone', orgs: [] },
  handling: { code: 'H0' },
  evaluation: { source: 'B', information: 2 },
} as const satisfies Omit<ImportDefaults, 'reviewDate'>;

const problemsOf = (error: z.ZodError, prefix: string): FieldProblem[] =>
  error.issues.map((i) => ({ field: [prefix, ...i.path.map(String)].filter(Boolean).join('.'), message: i.message }));

/**
 * Checks the import's defaults and who will own the records: the importer's organisation,
 * or another one only when the hub imports on its behalf.
 */
export function resolveDefaults(actor: Actor, defaults: ImportDefaults, knownOrgs: ReadonlySet<string>, reviewYears: number): ResolvedMeta {
  const parsed = recordMetaSchema.safeParse(defaults);
  const problems = parsed.success ? [] : problemsOf(parsed.error, 'defaults');
  if (defaults.reviewDate !== undefined) {
    const checked = realDate.safeParse(defaults.reviewDate);
    if (!checked.success) problems.push(...problemsOf(checked.error, 'defaults.reviewDate'));
  }
  if (!parsed.success || problems.length) throw validationFailed(problems, 'The import settings are not valid.');
  const meta = parsed.data;
  const ownerOrg = meta.ownerOrg ?? actor.orgId;
  if (!mayModify(actor, ownerOrg)) throw forbidden('Only the hub may import records on behalf of another organisation.');
  const unknown = [ownerOrg, ...meta.restriction.orgs].filter((o) => !knownOrgs.has(o));
  if (unknown.length) throw validationFailed(unknown.map((o) => ({ field: 'defaults', message: `${o} is not a known organisation` })));
  return resolveRecordMeta(meta, ownerOrg, reviewYears);
}

/** Drops null fields, which FollowTheMoney tools write for "no value". */
function withoutNulls(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== null) out[k] = withoutNulls(v);
  return out;
}

/**
 * Validates a line's own metadata and lays it over the defaults. Lines of one file usually
 * share their metadata, so validated results are kept by content.
 */
export class RowMetaResolver {
  private readonly cache = new Map<string, { ok: true; meta: RowMeta } | { ok: false; reason: string }>();
  private readonly byObject = new WeakMap<object, { ok: true; meta: ResolvedMeta } | { ok: false; reason: string }>();

  constructor(
    private readonly actor: Actor,
    private readonly defaults: ResolvedMeta,
    private readonly knownOrgs: ReadonlySet<string>,
  ) {}

  resolve(raw: unknown): { ok: true; meta: ResolvedMeta } | { ok: false; reason: string } {
    if (raw === undefined || raw === null) return { ok: true, meta: this.defaults };
    // A CSV mapping's defaults are one object for every row: no need to look at it again.
    const shared = typeof raw === 'object' ? this.byObject.get(raw) : undefined;
    if (shared) return shared;
    const key = JSON.stringify(raw);
    let checked = this.cache.get(key);
    if (!checked) {
      checked = this.check(raw);
      if (this.cache.size > 10_000) this.cache.clear();
      this.cache.set(key, checked);
    }
    const resolved = this.merge(checked);
    if (typeof raw === 'object') this.byObject.set(raw, resolved);
    return resolved;
  }

  private merge(checked: { ok: true; meta: RowMeta } | { ok: false; reason: string }): { ok: true; meta: ResolvedMeta } | { ok: false; reason: string } {
    if (!checked.ok) return checked;
    const m = checked.meta;
    const d = this.defaults;
    return {
      ok: true,
      meta: {
        ownerOrg: m.owner ?? d.ownerOrg,
        crimeArea: m.crimeArea ?? d.crimeArea,
        purpose: m.purpose ?? d.purpose,
        restriction: m.restriction ?? d.restriction,
        handling: m.handling ? { code: m.handling.code, note: m.handling.note ?? null } : d.handling,
        evaluation: m.evaluation ?? d.evaluation,
        reviewDate: m.reviewDate ?? d.reviewDate,
      },
    };
  }

  private check(raw: unknown): { ok: true; meta: RowMeta } | { ok: false; reason: string } {
    const parsed = rowMetaSchema.safeParse(withoutNulls(raw));
    if (!parsed.success) {
      return { ok: false, reason: `metadata: ${problemsOf(parsed.error, '').map((p) => `${p.field || 'passerelle'} ${p.message}`).join('; ')}` };
    }
    const meta = parsed.data;
    if (meta.owner && !this.knownOrgs.has(meta.owner)) return { ok: false, reason: `owner ${meta.owner} is not a known organisation` };
    if (meta.owner && !mayModify(this.actor, meta.owner)) {
      return { ok: false, reason: `owner ${meta.owner}: only the hub may import records on behalf of another organisation` };
    }
    const unknown = (meta.restriction?.orgs ?? []).filter((o) => !this.knownOrgs.has(o));
    if (unknown.length) return { ok: false, reason: `restriction: ${unknown.join(', ')} ${unknown.length > 1 ? 'are not known organisations' : 'is not a known organisation'}` };
    return { ok: true, meta };
  }
}

/**
 * Reads a restriction written on one line, as the CLI and the API take it:
 * `everyone`, `owner_and_hub`, `only_listed:org1,org2` or `all_except:org1`.
 */
export function parseRestriction(text: string): { mode: RestrictionMode; orgs: string[] } {
  const [mode = '', list = ''] = text.split(':', 2);
  if (!(RESTRICTION_MODES as readonly string[]).includes(mode)) {
    throw validationFailed([{ field: 'restriction', message: `"${mode}" is not one of ${RESTRICTION_MODES.join(', ')}` }]);
  }
  const orgs = list.split(',').map((o) => o.trim()).filter(Boolean);
  return { mode: mode as RestrictionMode, orgs };
}

/** Metadata settings as the CLI and the API take them: flat, as text. */
export interface MetaSettings {
  ownerOrg?: string | undefined;
  crimeArea?: string | undefined;
  restriction?: string | undefined;
  handling?: string | undefined;
  handlingNote?: string | undefined;
  sourceReliability?: string | undefined;
  infoReliability?: string | number | undefined;
  purpose?: string | undefined;
  reviewDate?: string | undefined;
}

/**
 * Builds the import's defaults from flat settings, filling what is left out with
 * BUILT_IN_DEFAULTS. Values are checked later, with every problem listed, by runImport.
 */
export function importDefaultsFrom(settings: MetaSettings): ImportDefaults {
  const restriction = settings.restriction ? parseRestriction(settings.restriction) : BUILT_IN_DEFAULTS.restriction;
  const handlingCode = settings.handling ?? BUILT_IN_DEFAULTS.handling.code;
  return {
    ...(settings.ownerOrg ? { ownerOrg: settings.ownerOrg } : {}),
    crimeArea: (settings.crimeArea ?? BUILT_IN_DEFAULTS.crimeArea) as CrimeArea,
    restriction: { mode: restriction.mode, orgs: [...restriction.orgs] },
    handling: { code: handlingCode as HandlingCode, ...(settings.handlingNote ? { note: settings.handlingNote } : {}) },
    evaluation: {
      source: (settings.sourceReliability ?? BUILT_IN_DEFAULTS.evaluation.source) as SourceReliability,
      information: settings.infoReliability === undefined ? BUILT_IN_DEFAULTS.evaluation.information : Number(settings.infoReliability),
    },
    ...(settings.purpose ? { purpose: settings.purpose } : {}),
    ...(settings.reviewDate ? { reviewDate: settings.reviewDate } : {}),
  };
}
