import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { problemOf, type Problem } from '../../api/client';
import { Field } from '../../components/Field';
import { ProblemAlert } from '../../components/ProblemAlert';
import { DecideHit, Score } from '../../components/ScreeningResults';
import { useFormat } from '../../i18n/format';
import { useMe } from '../../session';
import { useDocumentTitle } from '../../useDocumentTitle';
import { listHits, type Hit, type HitScope, type HitStatus } from './screening-api';
import { ScreeningNav } from './ScreeningNav';

const PAGE_SIZE = 25;
const STATUSES: HitStatus[] = ['open', 'confirmed', 'false_positive'];

/** Hits on the organisation's records (who asked, about whom) and hits its own checks raised. */
export function Hits() {
  const { t } = useTranslation();
  const me = useMe();
  useDocumentTitle(t('screening.hitsTitle'));
  const scopes: HitScope[] = [
    ...(me.permissions.includes('records:read') ? ['owned' as const] : []),
    ...(me.permissions.includes('screening:check') ? ['asked' as const] : []),
  ];
  const [params, setParams] = useSearchParams();
  const wanted = params.get('scope');
  const scope = scopes.find((s) => s === wanted) ?? scopes[0] ?? 'owned';
  const status = STATUSES.find((s) => s === params.get('status')) ?? '';
  // The list remembers which scope and filter it answers, so another one's rows are never shown under this heading.
  const shownKey = `${scope}|${status}`;
  const [list, setList] = useState<{ key: string; items: Hit[]; nextBefore: string | null } | null>(null);
  const items = list?.key === shownKey ? list.items : null;
  const nextBefore = list?.key === shownKey ? list.nextBefore : null;
  const [problem, setProblem] = useState<Problem | null>(null);
  const [loading, setLoading] = useState(false);
  // Bumped after a decision, to show the list as the server now has it.
  const [version, setVersion] = useState(0);

  useEffect(() => {
    let live = true;
    listHits({ scope, status: status || undefined, limit: PAGE_SIZE })
      .then((page) => {
        if (!live) return;
        setList({ key: `${scope}|${status}`, items: page.items, nextBefore: page.nextBefore });
        setProblem(null);
      })
      .catch((error: unknown) => live && setProblem(problemOf(error)));
    return () => {
      live = false;
    };
  }, [scope, status, version]);

  async function loadOlder() {
    if (!nextBefore) return;
    setLoading(true);
    try {
      const page = await listHits({ scope, status: status || undefined, limit: PAGE_SIZE, before: nextBefore });
      setList((current) => ({ key: shownKey, items: [...(current?.key === shownKey ? current.items : []), ...page.items], nextBefore: page.nextBefore }));
    } catch (error) {
      setProblem(problemOf(error));
    } finally {
      setLoading(false);
    }
  }

  const choose = (changes: Record<string, string>) => setParams((current) => {
    const next = new URLSearchParams(current);
    for (const [k, v] of Object.entries(changes)) { if (v) next.set(k, v); else next.delete(k); }
    return next;
  }, { replace: true });

  return (
    <>
      <h1>{t('screening.hitsTitle')}</h1>
      <ScreeningNav />
      {scopes.length > 1 ? (
        <nav aria-label={t('screening.hitScopes')} className="screening-nav">
          <ul>
            {scopes.map((s) => (
              <li key={s}><Link to={`?scope=${s}${status ? `&status=${status}` : ''}`} aria-current={s === scope ? 'page' : undefined} data-testid={`scope-${s}`}>{t(`screening.scope.${s}`)}</Link></li>
            ))}
          </ul>
        </nav>
      ) : null}
      <p>{t(`screening.scopeIntro.${scope}`)}</p>
      <div className="hits-filters">
        <Field label={t('screening.status')}>
          {(p) => (
            <select {...p} name="status" value={status} onChange={(e) => choose({ status: e.target.value })}>
              <option value="">{t('screening.anyStatus')}</option>
              {STATUSES.map((s) => <option key={s} value={s}>{t(`screening.hitStatus.${s}`)}</option>)}
            </select>
          )}
        </Field>
      </div>
      <section aria-labelledby="hits-heading" aria-busy={loading}>
        <h2 id="hits-heading">{t(`screening.scope.${scope}`)}</h2>
        <ProblemAlert problem={problem} />
        {items && items.length === 0 ? <p>{t('screening.noHits')}</p> : null}
        {items && items.length > 0 ? <HitsTable items={items} scope={scope} onDecided={() => setVersion((v) => v + 1)} /> : null}
        {nextBefore && items ? (
          <p><button type="button" className="button-secondary" disabled={loading} onClick={() => void loadOlder()}>{t('screening.older')}</button></p>
        ) : null}
      </section>
    </>
  );
}

function HitsTable({ items, scope, onDecided }: { items: Hit[]; scope: HitScope; onDecided: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  // A year or a month alone stays as typed: a full date would invent a day.
  const subjectOf = (h: Hit) => [h.subject.birthDate ? (h.subject.birthDate.length === 10 ? format.date(h.subject.birthDate) : h.subject.birthDate) : null, h.subject.nationality ? format.country(h.subject.nationality) : null, h.subject.documentNumber]
    .filter(Boolean).join(' · ');
  return (
    <div className="table-wrap">
      <table data-testid={`hits-${scope}`}>
        <caption className="visually-hidden">{t(`screening.scope.${scope}`)}</caption>
        <thead>
          <tr>
            <th scope="col">{t('screening.when')}</th>
            <th scope="col">{scope === 'owned' ? t('screening.askedBy') : t('screening.record')}</th>
            <th scope="col">{t('screening.subject')}</th>
            {scope === 'owned' ? <th scope="col">{t('screening.record')}</th> : null}
            <th scope="col">{t('screening.score')}</th>
            <th scope="col">{t('screening.status')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((h) => {
            const record = h.match.disclosure === 'full'
              ? <Link to={`/records/${h.match.recordId}`}><bdi dir="auto">{h.match.caption}</bdi></Link>
              : <>{t('screening.contactOwner', { owner: h.match.ownerName })} <Link to="/organisations">{t('screening.directory')}</Link></>;
            const asker = h.asker.userName ? t('screening.askerWithName', { org: h.asker.orgName, name: h.asker.userName }) : h.asker.orgName;
            return (
              <tr key={h.id} data-testid="hit-row">
                <td className="nowrap"><time dateTime={h.askedAt}>{format.dateTime(h.askedAt)}</time></td>
                <td>{scope === 'owned' ? <span dir="auto">{asker}</span> : record}</td>
                <td className="cell-name">
                  <bdi dir="auto">{h.subject.name ?? '—'}</bdi>
                  {subjectOf(h) ? <div className="meta">{subjectOf(h)}</div> : null}
                  {h.purpose ? <div className="meta" dir="auto">{t('screening.purpose', { purpose: h.purpose })}</div> : null}
                </td>
                {scope === 'owned' ? <td>{record}</td> : null}
                <td><Score score={h.score} /></td>
                <td>
                  <span className={`status-${h.status}`}>{t(`screening.hitStatus.${h.status}`)}</span>
                  {h.decision ? (
                    <div className="meta">
                      <time dateTime={h.decision.decidedAt}>{format.dateTime(h.decision.decidedAt)}</time>
                      {h.decision.decidedByName ? <> · <span dir="auto">{h.decision.decidedByName}</span></> : null}
                      {h.decision.note ? <div dir="auto">{h.decision.note}</div> : null}
                    </div>
                  ) : null}
                  {scope === 'asked' && h.status === 'open' ? <DecideHit hitId={h.id} subject={h.subject.name ?? h.id} onDecided={onDecided} /> : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
