import { createHash } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import type { NewOrganisation, NewUser } from '../orgs/index.ts';

/**
 * The demo's organisations and people: the hub, eight National Central Bureaus across
 * regions (French-, Arabic-, Spanish-, Portuguese-, English-, German- and Thai-speaking),
 * a specialised unit and a partner, with a user of every role.
 *
 * Every demo user signs in with DEMO_PASSWORD and a TOTP secret derived from the username,
 * so the printed logins work on any machine. Never keep demo users on a real deployment.
 */
export const DEMO_PASSWORD = 'passerelle-demo';

export const DEMO_ORGS: readonly NewOrganisation[] = [
  { id: 'hub', name: 'General Secretariat', kind: 'hub', country: null, contact: 'Command and Coordination Centre, 24/7 (demo)' },
  { id: 'ncb-fr', name: 'NCB Paris (France)', kind: 'ncb', country: 'fr', contact: 'bcn-paris@demo.invalid' },
  { id: 'ncb-ma', name: 'NCB Rabat (Morocco)', kind: 'ncb', country: 'ma', contact: 'bcn-rabat@demo.invalid' },
  { id: 'ncb-es', name: 'NCB Madrid (Spain)', kind: 'ncb', country: 'es', contact: 'ocn-madrid@demo.invalid' },
  { id: 'ncb-ng', name: 'NCB Abuja (Nigeria)', kind: 'ncb', country: 'ng', contact: 'ncb-abuja@demo.invalid' },
  { id: 'ncb-br', name: 'NCB Brasília (Brazil)', kind: 'ncb', country: 'br', contact: 'ecn-brasilia@demo.invalid' },
  { id: 'ncb-jo', name: 'NCB Amman (Jordan)', kind: 'ncb', country: 'jo', contact: 'ncb-amman@demo.invalid' },
  { id: 'ncb-de', name: 'NCB Wiesbaden (Germany)', kind: 'ncb', country: 'de', contact: 'nzb-wiesbaden@demo.invalid' },
  { id: 'ncb-th', name: 'NCB Bangkok (Thailand)', kind: 'ncb', country: 'th', contact: 'ncb-bangkok@demo.invalid' },
  { id: 'unit-cyber-eu', name: 'European Cybercrime Unit', kind: 'unit', country: null, contact: 'cyber-desk@demo.invalid' },
  { id: 'partner-unodc', name: 'UN Office on Drugs and Crime', kind: 'partner', country: null, contact: 'liaison@demo.invalid' },
];

type DemoUser = Omit<NewUser, 'password' | 'totpSecret'>;

export const DEMO_USERS: readonly DemoUser[] = [
  { username: 'gs.admin', displayName: 'Amina Diallo', orgId: 'hub', role: 'admin', locale: 'fr' },
  { username: 'gs.analyst', displayName: 'Lukas Meyer', orgId: 'hub', role: 'analyst', locale: 'en' },
  { username: 'gs.auditor', displayName: 'Grace Okafor', orgId: 'hub', role: 'auditor', locale: 'en' },
  { username: 'fr.officer', displayName: 'Camille Laurent', orgId: 'ncb-fr', role: 'officer', locale: 'fr' },
  { username: 'fr.supervisor', displayName: 'Julien Moreau', orgId: 'ncb-fr', role: 'supervisor', locale: 'fr' },
  { username: 'ma.officer', displayName: 'Youssef El Amrani', orgId: 'ncb-ma', role: 'officer', locale: 'ar' },
  { username: 'ma.admin', displayName: 'Salma Benali', orgId: 'ncb-ma', role: 'admin', locale: 'fr' },
  { username: 'es.officer', displayName: 'Lucía Fernández', orgId: 'ncb-es', role: 'officer', locale: 'es' },
  { username: 'es.auditor', displayName: 'Pablo Ruiz', orgId: 'ncb-es', role: 'auditor', locale: 'es' },
  { username: 'ng.officer', displayName: 'Chinedu Okeke', orgId: 'ncb-ng', role: 'officer', locale: 'en' },
  { username: 'br.analyst', displayName: 'Mariana Costa', orgId: 'ncb-br', role: 'analyst', locale: 'es' },
  { username: 'jo.officer', displayName: 'Rania Haddad', orgId: 'ncb-jo', role: 'officer', locale: 'ar' },
  { username: 'jo.supervisor', displayName: 'Omar Khalil', orgId: 'ncb-jo', role: 'supervisor', locale: 'ar' },
  { username: 'de.analyst', displayName: 'Jonas Becker', orgId: 'ncb-de', role: 'analyst', locale: 'en' },
  { username: 'th.officer', displayName: 'Somchai Srisuk', orgId: 'ncb-th', role: 'officer', locale: 'en' },
  { username: 'cyber.analyst', displayName: 'Elena Rossi', orgId: 'unit-cyber-eu', role: 'analyst', locale: 'en' },
  { username: 'unodc.partner', displayName: 'Daniel Mwangi', orgId: 'partner-unodc', role: 'partner', locale: 'en' },
];

/** The user's fixed TOTP secret: 160 bits from SHA-1 of the username, base32 (32 characters). */
export function demoTotpSecret(username: string): string {
  const digest = createHash('sha1').update(`passerelle-demo-totp:${username}`).digest();
  return new Secret({ buffer: digest.buffer.slice(digest.byteOffset, digest.byteOffset + digest.byteLength) }).base32;
}

/** What an authenticator app reads (SHA-1, 6 digits, 30 s: the defaults Passerelle verifies with). */
export function demoOtpauthUrl(username: string): string {
  return new TOTP({ issuer: 'Passerelle demo', label: username, secret: Secret.fromBase32(demoTotpSecret(username)) }).toString();
}
