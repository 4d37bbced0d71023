import { useTranslation } from 'react-i18next';

/** Dates and numbers in the current interface language, with Intl. */
export function useFormat() {
  const { i18n } = useTranslation();
  const locale = i18n.language;
  return {
    number: (n: number) => new Intl.NumberFormat(locale).format(n),
    dateTime: (iso: string) => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso)),
    // A calendar date (YYYY-MM-DD) is shown as that day wherever the reader is.
    /** A country or territory code (fr, ru) as its name in the reader's language. */
    country: (code: string) => {
      try {
        return new Intl.DisplayNames(locale, { type: 'region' }).of(code.toUpperCase()) ?? code;
      } catch {
        return code;
      }
    },
    date: (isoDate: string) => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${isoDate.slice(0, 10)}T00:00:00Z`)),
  };
}
