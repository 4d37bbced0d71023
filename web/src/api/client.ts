import createClient from 'openapi-fetch';
import type { components, paths } from './schema';

/**
 * The typed API client (generated from openapi/passerelle.openapi.json by `npm run web:api`).
 * The session travels as the httpOnly cookie the server sets at sign-in.
 */
export const api = createClient<paths>({ baseUrl: '' });

/** Fired when the server answers 401 outside sign-in: the session ended. */
export const UNAUTHENTICATED_EVENT = 'passerelle:unauthenticated';

api.use({
  onResponse({ request, response }) {
    if (response.status === 401 && !new URL(request.url).pathname.startsWith('/api/auth/')) {
      window.dispatchEvent(new Event(UNAUTHENTICATED_EVENT));
    }
    return undefined;
  },
});

type JsonOf<T> = T extends { content: { 'application/json': infer J } } ? J : never;
type Ok<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends { responses: { 200: infer R } } ? JsonOf<R> : never;

export type Me = Ok<'/api/me', 'get'>;
export type Model = Ok<'/api/model', 'get'>;
export type SchemaSpec = Model['schemata'][number];
export type RecordView = Ok<'/api/records/{id}', 'get'>;
export type SearchResult = Ok<'/api/records', 'get'>;
export type Version = Ok<'/api/records/{id}/versions', 'get'>[number];
export type Relations = Ok<'/api/records/{id}/relations', 'get'>;
export type AuditEntry = Ok<'/api/audit', 'get'>['items'][number];
export type Verification = Ok<'/api/audit/verify', 'get'>;
export type Organisation = Ok<'/api/orgs', 'get'>['items'][number];
export type LoginResult = Ok<'/api/auth/login', 'post'>;
export type RecordCreate = NonNullable<paths['/api/records']['post']['requestBody']>['content']['application/json'];

/** RFC 9457 problem details: the declared body of every error response of the API. */
export type ApiProblem = components['schemas']['Problem'];

/** A problem as the app handles it: the server's, or one made here (status 0: no answer). */
export type Problem = Partial<ApiProblem> & Pick<ApiProblem, 'status'>;

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title ?? `HTTP ${problem.status}`);
  }
}

function toProblem(error: ApiProblem | string | undefined, response: Response): Problem {
  if (error && typeof error === 'object') return { ...error, status: response.status };
  // Something in between (a proxy) may answer with text instead of problem+json.
  return { status: response.status, detail: typeof error === 'string' && error ? error : undefined };
}

/**
 * The data of a successful answer, or an ApiError carrying the problem.
 *
 * @example const me = await unwrap(api.GET('/api/me'));
 */
export async function unwrap<T>(call: Promise<{ data?: T; error?: ApiProblem; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) throw new ApiError(toProblem(error, response));
  return data as T;
}

/** Field errors by field name; `body.crimeArea` and `crimeArea` name the same field. */
export function fieldErrors(problem: Problem | null | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of problem?.problems ?? []) {
    const field = p.field.replace(/^(body|querystring)\./, '');
    out[field] = out[field] ? `${out[field]}; ${p.message}` : p.message;
  }
  return out;
}

export const problemOf = (error: unknown): Problem =>
  error instanceof ApiError ? error.problem : { status: 0, detail: error instanceof Error ? error.message : String(error) };
