import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const I18N = path.join(ROOT, 'web/src/i18n');

/** Every `<lang>.json` under web/src/i18n (core and per-capability), merged per language as the app does. */
function messagesOf(code: string): Record<string, string> {
  const files = fs.readdirSync(I18N, { recursive: true, encoding: 'utf8' }).filter((f) => path.basename(f) === `${code}.json`);
  const merged: Record<string, string> = {};
  for (const f of files) Object.assign(merged, JSON.parse(fs.readFileSync(path.join(I18N, f), 'utf8')) as Record<string, string>);
  return merged;
}

describe('the web app’s generated API client', () => {
  it('is current with the committed OpenAPI document (run `npm run web:api` after `npm run openapi`)', () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'passerelle-api-')), 'schema.d.ts');
    execFileSync(path.join(ROOT, 'node_modules/.bin/openapi-typescript'), ['openapi/passerelle.openapi.json', '-o', out], { cwd: ROOT, stdio: 'pipe' });
    expect(fs.readFileSync(path.join(ROOT, 'web/src/api/schema.d.ts'), 'utf8')).toBe(fs.readFileSync(out, 'utf8'));
  });
});

describe('the interface translations', () => {
  const languages: Record<string, Record<string, string>> = Object.fromEntries(['en', 'fr', 'es', 'ar'].map((c) => [c, messagesOf(c)]));
  const en = languages.en ?? {};
  const PLURAL = /_(zero|one|two|few|many|other)$/;
  const baseKeys = (messages: Record<string, string>) => [...new Set(Object.keys(messages).map((k) => k.replace(PLURAL, '')))].sort();

  it.each(['fr', 'es', 'ar'])('has the same keys in %s as in English', (code) => {
    expect(baseKeys(languages[code] ?? {})).toEqual(baseKeys(en));
  });

  it.each(Object.keys(languages))('gives every counted message each plural form %s needs', (code) => {
    const messages = languages[code] ?? {};
    const categories = new Intl.PluralRules(code).resolvedOptions().pluralCategories;
    const counted = [...new Set(Object.keys(messages).filter((k) => PLURAL.test(k)).map((k) => k.replace(PLURAL, '')))];
    expect(counted.length).toBeGreaterThan(0);
    for (const key of counted) expect(categories.filter((c) => !(`${key}_${c}` in messages)), key).toEqual([]);
  });

  it.each(['fr', 'es', 'ar'])('translates %s: no message left empty', (code) => {
    expect(Object.entries(languages[code] ?? {}).filter(([, text]) => !text.trim())).toEqual([]);
  });
});
