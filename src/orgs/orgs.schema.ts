import { z } from 'zod';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../auth/passwords.ts';
import { ORG_KINDS, ROLES, type OrgKind, type Role } from '../kernel/access/actor.ts';

/**
 * Organisations and users as they enter and leave the API. The same schemas validate
 * `insertOrganisation`/`insertUser` (demo seeding, CLI), so every door applies one set of rules,
 * and they mirror the CHECK constraints of migrations/001_foundation.sql.
 */
export const LOCALES = ['en', 'fr', 'es', 'ar'] as const;
export type Locale = (typeof LOCALES)[number];

const orgKinds = ORG_KINDS as readonly [OrgKind, ...OrgKind[]];
const roles = ROLES as readonly [Role, ...Role[]];

export const orgIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'use 2 to 63 lower-case letters, digits or hyphens, starting with a letter or digit');

export const usernameSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]{1,62}$/, 'use 2 to 63 lower-case letters, digits, dots, hyphens or underscores, starting with a letter or digit');

export const passwordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters long`)
  .max(MAX_PASSWORD_LENGTH, `must be at most ${MAX_PASSWORD_LENGTH} characters long`)
  .refine((p) => p.trim() === p, 'must not start or end with spaces');

const countrySchema = z
  .string()
  .regex(/^[a-zA-Z]{2}$/, 'use the two-letter ISO 3166 country code')
  .transform((c) => c.toLowerCase());

export const organisationInput = z
  .object({
    id: orgIdSchema,
    name: z.string().trim().min(2, 'give the organisation its full name').max(200),
    kind: z.enum(orgKinds).describe('ncb: National Central Bureau; unit: specialised unit; partner: outside partner; hub: general secretariat'),
    country: countrySchema.nullable().optional(),
    contact: z.string().trim().max(500).nullable().optional().describe('How other organisations reach it: duty desk, e-mail, phone'),
  })
  .refine((o) => o.kind !== 'ncb' || o.country, { message: 'a National Central Bureau needs its country', path: ['country'] });

// Base32 (RFC 4648) as authenticator apps expect it; 16 characters is 80 bits, the RFC 4226 minimum.
const totpSecretSchema = z.string().regex(/^[A-Z2-7]{16,128}=*$/, 'must be a base32 secret of at least 16 characters');

export const userInput = z.object({
  username: usernameSchema,
  displayName: z.string().trim().min(1, 'give the person a display name').max(200),
  orgId: orgIdSchema,
  role: z.enum(roles),
  password: passwordSchema,
  totpSecret: totpSecretSchema.nullable().optional(),
  locale: z.enum(LOCALES).optional(),
});

export const organisationOutput = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(orgKinds),
  country: z.string().nullable(),
  contact: z.string().nullable(),
  active: z.boolean(),
});

export const userOutput = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  orgId: z.string(),
  role: z.enum(roles),
  locale: z.string(),
  active: z.boolean(),
  totpEnabled: z.boolean(),
  lockedUntil: z.string().nullable().describe('Set while the account is locked after failed sign-ins'),
  createdAt: z.string(),
});

export const userCreateBody = userInput.omit({ totpSecret: true, orgId: true, password: true }).extend({
  orgId: orgIdSchema.optional().describe("Defaults to the administrator's own organisation"),
  password: passwordSchema.optional().describe('Omit to have a strong one generated and returned once'),
});

export const userCreateOutput = z.object({
  user: userOutput,
  generatedPassword: z.string().optional().describe('Only when no password was given: hand it to the user, it is not shown again'),
});

export const usersQuery = z.object({
  orgId: orgIdSchema.optional().describe("Only this organisation's users (hub administrators)"),
});

export const userIdParams = z.object({ id: z.string().min(1).max(100) });

export const passwordResetBody = z
  .object({ password: passwordSchema.optional().describe('Omit to have a strong one generated and returned once') })
  // A reset without a chosen password may come with no body at all.
  .nullish();

export const passwordResetOutput = z.object({
  user: userOutput,
  generatedPassword: z.string().optional(),
});
