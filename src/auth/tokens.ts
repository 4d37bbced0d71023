import { createHash, randomBytes } from 'node:crypto';

/** Session tokens and API keys are random; only their SHA-256 is stored. */
export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export const newSessionToken = (): string => `pst_${randomBytes(32).toString('base64url')}`;

/** An API key shows its id (for logs and revocation) and a secret: `psk_<id>_<secret>`. */
export function newApiKey(): { id: string; key: string } {
  const id = randomBytes(6).toString('hex');
  return { id, key: `psk_${id}_${randomBytes(32).toString('base64url')}` };
}

export const isApiKey = (token: string): boolean => token.startsWith('psk_');

export const SESSION_COOKIE = 'passerelle_session';
