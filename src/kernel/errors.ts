/**
 * The closed set of errors Passerelle reports. Each has a stable machine code,
 * an HTTP status and a message written for the person who has to act on it.
 * The HTTP layer turns them into RFC 9457 problem+json; the CLI prints the message.
 *
 * @example
 *   throw notFound('record', id); // 404 "record … was not found or you may not see it"
 */
export type ErrorCategory = 'business' | 'technical';

export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly category: ErrorCategory = 'business',
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export interface FieldProblem {
  field: string;
  message: string;
}

export const validationFailed = (problems: FieldProblem[], message = 'Some fields are not valid; correct them and try again.') =>
  new AppError('VALIDATION_FAILED', 400, message, 'business', { problems });

export const badRequest = (message: string) => new AppError('BAD_REQUEST', 400, message);

export const unauthenticated = (message = 'Sign in to continue.') => new AppError('UNAUTHENTICATED', 401, message);

export const forbidden = (message: string) => new AppError('FORBIDDEN', 403, message);

/** Deliberately the same for "does not exist" and "you may not see it", so existence never leaks. */
export const notFound = (kind: string, id: string) =>
  new AppError('NOT_FOUND', 404, `The ${kind} ${id} was not found or you may not see it.`);

export const conflict = (message: string, details?: Record<string, unknown>) =>
  new AppError('CONFLICT', 409, message, 'business', details);

export const accountLocked = (until: Date) =>
  new AppError('ACCOUNT_LOCKED', 423, `Too many failed sign-ins. The account is locked until ${until.toISOString()}; try again then or ask an administrator to unlock it.`, 'business', { lockedUntil: until.toISOString() });

export const technical = (message: string, cause?: unknown) => {
  const error = new AppError('INTERNAL', 500, message, 'technical');
  if (cause !== undefined) error.cause = cause;
  return error;
};

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;

/** A derived index (the name index) lost a part and is being rebuilt from the database. */
export const indexUnavailable = (cause: unknown) => {
  const error = new AppError('INDEX_UNAVAILABLE', 503, 'The name index is being rebuilt after a failure; try again in a minute.', 'technical');
  error.cause = cause;
  return error;
};
