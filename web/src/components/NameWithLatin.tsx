import { useTranslation } from 'react-i18next';

/**
 * A name in its original script, followed by its Latin transliteration when it is written
 * in another script (the server supplies `latin`, keyed by the name as written).
 */
export function NameWithLatin({ name, latin }: { name: string; latin?: Record<string, string> | undefined }) {
  const { t } = useTranslation();
  const transliteration = latin?.[name];
  return (
    <>
      <bdi dir="auto">{name}</bdi>
      {transliteration ? (
        <>
          {' '}
          <span className="latin" lang="und-Latn" dir="ltr" title={t('records.latin')}>({transliteration})</span>
        </>
      ) : null}
    </>
  );
}
