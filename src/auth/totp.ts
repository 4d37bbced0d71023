import { Secret, TOTP } from 'otpauth';

/**
 * Time-based one-time passwords (RFC 6238) as authenticator apps expect them by default:
 * SHA-1, 6 digits, 30-second steps. A code is accepted one step either side of now, to
 * forgive clock drift and the time it takes to type.
 */
const ISSUER = 'Passerelle';
const PERIOD_SECONDS = 30;
const WINDOW_STEPS = 1;

/** A new random secret (160 bits, as RFC 4226 recommends), base32-encoded. */
export const newTotpSecret = (): string => new Secret({ size: 20 }).base32;

/** The otpauth:// URL an authenticator app reads from a QR code. */
export function otpauthUrl(secret: string, username: string): string {
  return new TOTP({ issuer: ISSUER, label: username, secret: Secret.fromBase32(secret), period: PERIOD_SECONDS }).toString();
}

/** The time-step the code belongs to, or null when it matches none in the window. */
export function matchingTimeStep(secret: string, code: string, now: number = Date.now()): number | null {
  const delta = TOTP.validate({ token: code, secret: Secret.fromBase32(secret), period: PERIOD_SECONDS, timestamp: now, window: WINDOW_STEPS });
  return delta === null ? null : TOTP.counter({ period: PERIOD_SECONDS, timestamp: now }) + delta;
}

/** The current code for a secret (tests and the demo use it; sign-in never does). */
export const totpCode = (secret: string, timestamp: number = Date.now()): string =>
  TOTP.generate({ secret: Secret.fromBase32(secret), period: PERIOD_SECONDS, timestamp });
