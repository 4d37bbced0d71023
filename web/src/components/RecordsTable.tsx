import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { RecordView } from '../api/client';
import { useFormat } from '../i18n/format';
import { orgName, useReference } from '../model';
import { NameWithLatin } from './NameWithLatin';

/** Records as a table: names in their own script with their Latin transliteration, dates in the reader's locale. */
export function RecordsTable({ items, caption, showOwner = true }: { items: RecordView[]; caption: string; showOwner?: boolean }) {
  const { t } = useTranslation();
  const { model, orgs } = useReference();
  const format = useFormat();
  const typeLabel = (name: string) => model?.schemata.find((s) => s.name === name)?.label ?? name;
  return (
    <div className="table-wrap">
      <table>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('records.caption')}</th>
            <th scope="col">{t('records.type')}</th>
            {showOwner ? <th scope="col">{t('records.owner')}</th> : null}
            <th scope="col">{t('records.crimeArea')}</th>
            <th scope="col">{t('records.handling')}</th>
            <th scope="col">{t('records.updated')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((r) => (
            <tr key={r.id} className={r.status === 'cancelled' ? 'row-cancelled' : undefined}>
              <td className="cell-name">
                <Link to={`/records/${r.id}`}><NameWithLatin name={r.caption} latin={r.latin} /></Link>
                {r.status === 'cancelled' ? <span className="badge">{t('status.cancelled')}</span> : null}
              </td>
              <td>{typeLabel(r.schema)}</td>
              {showOwner ? <td>{orgName(orgs, r.ownerOrg)}</td> : null}
              <td>{t(`crimeArea.${r.crimeArea}`)}</td>
              <td><abbr title={t(`handling.${r.handling.code}`)}>{r.handling.code}</abbr></td>
              <td className="nowrap"><time dateTime={r.updatedAt}>{format.dateTime(r.updatedAt)}</time></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
