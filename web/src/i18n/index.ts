import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';

/** The interface languages, each named in itself, with its writing direction. */
export const LANGUAGES = [
  { code: 'en', name: 'English', dir: 'ltr' },
  { code: 'fr', name: 'Français', dir: 'ltr' },
  { code: 'es', name: 'Español', dir: 'ltr' },
  { code: 'ar', name: 'العربية', dir: 'rtl' },
] as const;
export type LanguageCode = (typeof LANGUAGES)[number]['code'];

const STORAGE_KEY = 'passerelle.language';

const isLanguage = (code: string | null | undefined): code is LanguageCode => LANGUAGES.some((l) => l.code === code);

function initialLanguage(): LanguageCode {
  const stored = localStorage.getItem(STORAGE_KEY);
  if (isLanguage(stored)) return stored;
  const browser = navigator.language.slice(0, 2);
  return isLanguage(browser) ? browser : 'en';
}

/** Sets `<html lang dir>` so the layout (written with logical properties) follows the language. */
function applyToDocument(code: string) {
  const language = LANGUAGES.find((l) => l.code === code) ?? LANGUAGES[0];
  document.documentElement.lang = language.code;
  document.documentElement.dir = language.dir;
}

i18n.on('languageChanged', applyToDocument);

/** The reader's explicit choice (the language switcher): applied now and kept in this browser. */
export function chooseLanguage(code: string): void {
  if (!isLanguage(code)) return;
  localStorage.setItem(STORAGE_KEY, code);
  void i18n.changeLanguage(code);
}

type Messages = Record<string, string>;

/**
 * Messages live beside the core ones as `<lang>.json` and, for each capability's pages, as
 * `<capability>/<lang>.json`, so capabilities add their strings without touching each other's files.
 */
function bundledMessages(): Record<LanguageCode, Messages> {
  const files = import.meta.glob<Messages>('./**/*.json', { eager: true, import: 'default' });
  const merged: Record<LanguageCode, Messages> = { en: {}, fr: {}, es: {}, ar: {} };
  for (const [file, messages] of Object.entries(files)) {
    const code = /([a-z]{2})\.json$/.exec(file)?.[1];
    if (isLanguage(code)) Object.assign(merged[code], messages);
  }
  return merged;
}
const messages = bundledMessages();

// Resources are bundled, so initialisation is synchronous and the first render is translated.
void i18n.use(initReactI18next).init({
  initAsync: false,
  resources: Object.fromEntries(LANGUAGES.map(({ code }) => [code, { translation: messages[code] }])),
  lng: initialLanguage(),
  fallbackLng: 'en',
  interpolation: { escapeValue: false },
});
applyToDocument(i18n.language);

/** At sign-in, the user's own language (from /api/me) unless this browser already has a choice. */
export function adoptUserLocale(locale: string): void {
  if (!isLanguage(localStorage.getItem(STORAGE_KEY)) && isLanguage(locale)) void i18n.changeLanguage(locale);
}

export default i18n;
