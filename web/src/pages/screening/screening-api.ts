import { api, ApiError, unwrap, UNAUTHENTICATED_EVENT, type Problem } from '../../api/client';
import type { paths } from '../../api/schema';

/* The screening API as the pages use it: types from the generated client (openapi/passerelle.openapi.json). */
type CheckOp = paths['/api/screening/check']['post'];
type HitsOp = paths['/api/screening/hits']['get'];

export type CheckRequest = CheckOp['requestBody']['content']['application/json'];
export type CheckResult = CheckOp['responses'][200]['content']['application/json'];
export type Match = CheckResult['matches'][number];
export type FullMatch = Extract<Match, { disclosure: 'full' }>;
export type ContactMatch = Extract<Match, { disclosure: 'contact-owner' }>;
export type Feature = FullMatch['features'][number];
export type MrzReading = NonNullable<CheckResult['mrz']>;
export type HitScope = NonNullable<NonNullable<HitsOp['parameters']['query']>['scope']>;
export type HitPage = HitsOp['responses'][200]['content']['application/json'];
export type Hit = HitPage['items'][number];
export type HitStatus = Hit['status'];
export type Decision = paths['/api/screening/hits/{id}/decision']['post']['requestBody']['content']['application/json']['decision'];

/** The batch answer is JSON lines, which OpenAPI describes only as text: its lines, as the route documents them. */
export type BatchSubjectLine = { id: string; line: number; checkId?: string; matches: Match[]; error?: string };
export type BatchSummary = { subjects: number; hits: number; errors: number; seconds: number; stopped?: string };
export type BatchLine = BatchSubjectLine | { summary: BatchSummary };

/** The check digits an MRZ of this format carries, in the order they are printed. */
export const CHECKED_FIELDS: Record<MrzReading['format'], string[]> = {
  TD1: ['documentNumber', 'birthDate', 'expiryDate', 'composite'],
  TD2: ['documentNumber', 'birthDate', 'expiryDate', 'composite'],
  TD3: ['documentNumber', 'birthDate', 'expiryDate', 'personalNumber', 'composite'],
};

export const checkSubject = (body: CheckRequest) => unwrap(api.POST('/api/screening/check', { body }));

export const decideHit = (id: string, decision: Decision, note?: string) =>
  unwrap(api.POST('/api/screening/hits/{id}/decision', { params: { path: { id } }, body: note ? { decision, note } : { decision } }));

export const listHits = (query: { scope: HitScope; status?: HitStatus | undefined; limit?: number; before?: string }) =>
  unwrap(api.GET('/api/screening/hits', { params: { query } }));

/** A failed answer as the problem it carries (problem+json, or text from something in between). */
async function failure(response: Response): Promise<ApiError> {
  if (response.status === 401) window.dispatchEvent(new Event(UNAUTHENTICATED_EVENT));
  const text = await response.text();
  let body: unknown;
  try { body = JSON.parse(text); } catch { body = null; }
  const problem: Problem = body && typeof body === 'object' ? { ...(body as Partial<Problem>), status: response.status } : { status: response.status, detail: text || undefined };
  return new ApiError(problem);
}

/**
 * Sends a passenger list and hands each JSON line of the streamed answer to `onLine` as it
 * arrives (a ReadableStream reader: the page fills while the server works).
 */
export async function runBatch(file: File, contentType: string, purpose: string, onLine: (line: BatchLine) => void, signal?: AbortSignal): Promise<void> {
  const query = purpose ? `?${new URLSearchParams({ purpose }).toString()}` : '';
  const response = await fetch(`/api/screening/batch${query}`, {
    method: 'POST', credentials: 'same-origin', body: file, headers: { 'content-type': contentType, accept: 'application/x-ndjson' }, signal: signal ?? null,
  });
  if (!response.ok) throw await failure(response);
  if (!response.body) throw new ApiError({ status: response.status, detail: 'The server sent no results.' });
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let rest = '';
  const emit = (text: string) => {
    if (text.trim()) onLine(JSON.parse(text) as BatchLine);
  };
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    const lines = (rest + value).split('\n');
    rest = lines.pop() ?? '';
    lines.forEach(emit);
  }
  emit(rest);
}
