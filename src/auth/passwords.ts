import { randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

/** Shorter passwords are refused: length is what resists guessing best. */
export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;

/**
 * An argon2id hash in PHC form (the library's default algorithm and parameters, per
 * OWASP: 19 MiB, 2 passes). The algorithm enum is a `const enum`, which isolated
 * modules cannot read, so we rely on the default being argon2id.
 */
export const hashPassword = (password: string): Promise<string> => hash(password);

/** False, never a throw, for a malformed stored hash: it simply does not match. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/**
 * A hash of a password nobody knows, verified when the username does not exist so that
 * an unknown user costs the same argon2 time as a wrong password. Prepared ahead (see
 * preparePasswordTiming) so that even the first unknown user is not answered faster.
 */
let dummyHash: Promise<string> | undefined;
export function preparePasswordTiming(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(24).toString('base64url'));
  return dummyHash;
}

export async function spendPasswordTime(password: string): Promise<void> {
  await verifyPassword(await preparePasswordTiming(), password);
}

/** Why a new password is refused, or null when it is acceptable. */
export function passwordProblem(password: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `must be at least ${MIN_PASSWORD_LENGTH} characters long`;
  if (password.length > MAX_PASSWORD_LENGTH) return `must be at most ${MAX_PASSWORD_LENGTH} characters long`;
  if (password.trim() !== password) return 'must not start or end with spaces';
  return null;
}

/** A random password to hand to a new user: 24 characters, about 143 bits. */
export const generatePassword = (): string => randomBytes(18).toString('base64url');
