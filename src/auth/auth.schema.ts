import { z } from 'zod';
import { ORG_KINDS, PERMISSIONS, type OrgKind } from '../kernel/access/actor.ts';

/** Bodies and answers of sign-in, the current user, and API keys. */
export const loginBody = z.object({
  // Deliberately loose: an ill-formed username is just an unknown one, answered the same way.
  username: z.string().trim().toLowerCase().min(1).max(100),
  // Bounded so nobody can make the server hash megabytes.
  password: z.string().min(1).max(1024),
});

export const totpBody = z.object({
  challenge: z.string().min(1).max(200).describe('From the login answer'),
  code: z.string().regex(/^\d{6}$/, 'enter the 6-digit code from your authenticator app, without spaces'),
});

export const signedInUser = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  orgId: z.string(),
  role: z.string(),
  locale: z.string(),
});

export const signedInOutput = z.object({
  status: z.literal('signed_in'),
  token: z.string().describe('The session token; browsers get it as an httpOnly cookie as well'),
  expiresAt: z.string(),
  user: signedInUser,
});

export const loginOutput = z.discriminatedUnion('status', [
  z.object({ status: z.literal('totp_required'), challenge: z.string().describe('Send it with the code to /api/auth/totp within 5 minutes') }),
  z.object({
    status: z.literal('totp_enrollment_required'),
    challenge: z.string(),
    secret: z.string().describe('Base32 secret to add to an authenticator app'),
    otpauthUrl: z.string().describe('The same secret as an otpauth:// URL, to show as a QR code'),
  }),
  signedInOutput,
]);

export const meOutput = z.object({
  user: z.object({ id: z.string(), username: z.string(), displayName: z.string() }).nullable().describe('Null for an API key'),
  organisation: z.object({ id: z.string(), name: z.string(), kind: z.enum(ORG_KINDS as readonly [OrgKind, ...OrgKind[]]), country: z.string().nullable() }),
  role: z.string(),
  permissions: z.array(z.enum(PERMISSIONS)),
  locale: z.string(),
});

export const apiKeyCreateBody = z.object({
  name: z.string().trim().min(2, 'name the key after the system that uses it').max(100),
  scopes: z.array(z.enum(PERMISSIONS)).min(1, 'grant at least one scope').max(PERMISSIONS.length),
  expiresAt: z.iso.datetime({ offset: true }).optional().describe('When the key stops working; omit for no end'),
});

export const apiKeyOutput = z.object({
  id: z.string(),
  name: z.string(),
  scopes: z.array(z.string()),
  orgId: z.string(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  status: z.enum(['active', 'expired', 'revoked']),
});

export const apiKeyCreatedOutput = apiKeyOutput.extend({
  key: z.string().describe('The secret key, shown only now: store it in the client system'),
});

export const apiKeyIdParams = z.object({ id: z.string().regex(/^[0-9a-f]{12}$/, 'is not an API key id') });
