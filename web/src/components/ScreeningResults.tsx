import { useId, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { problemOf, type Problem } from '../api/client';
import { useFormat } from '../i18n/format';
import { orgName, useReference } from '../model';
import { decideHit, type ContactMatch, type Decision, type Feature, type FullMatch, type Match } from '../pages/screening/screening-api';
import { ProblemAlert } from './ProblemAlert';
import './ScreeningResults.css';

/** A score (0–1) as a percentage in the reader's digits, with a bar beside it for the eye. */
export function Score({ score }: { score: number }) {
  const { t } = useTranslation();
  const format = useFormat();
  const percent = Math.round(score * 100);
  return (
    <span className="score" data-testid="score">
      <span className="score-bar" aria-hidden="true"><span style={{ inlineSize: `${Math.min(100, Math.max(0, percent))}%` }} /></span>
      <span className="score-value">{t('screening.percent', { value: format.number(percent) })}</span>
    </span>
  );
}

const AGREEMENT_ICON: Record<Feature['agreement'], string> = { agrees: '✓', partly: '≈', disagrees: '✗' };

/** Each feature that moved the score: an icon and a word (never colour alone), then the server's detail. */
function Features({ features }: { features: Feature[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <ul className="features" aria-label={t('screening.explanation')}>
      {features.map((f, i) => (
        <li key={`${f.feature}-${i}`} className={`feature feature-${f.agreement}`} data-testid="feature">
          <span className="feature-icon" aria-hidden="true">{AGREEMENT_ICON[f.agreement]}</span>{' '}
          <strong>{t(`screening.feature.${f.feature}`, { defaultValue: f.feature })}</strong>{' '}
          <span className="feature-agreement">{t(`screening.agreement.${f.agreement}`)}</span>
          {f.effect !== 0 ? <span className="meta"> ({t('screening.effect', { value: `${f.effect > 0 ? '+' : '−'}${format.number(Math.round(Math.abs(f.effect) * 100))}` })})</span> : null}
          {f.detail ? <> — <bdi dir="auto" className="feature-detail">{f.detail}</bdi></> : null}
        </li>
      ))}
    </ul>
  );
}

/** Confirmed or false positive, with an optional note; the server's answer replaces the form. */
export function DecideHit({ hitId, subject, onDecided }: { hitId: string; subject: string; onDecided?: (decision: Decision) => void }) {
  const { t } = useTranslation();
  const noteId = useId();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [decided, setDecided] = useState<Decision | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  async function decide(decision: Decision) {
    setBusy(true);
    setProblem(null);
    try {
      await decideHit(hitId, decision, note.trim() || undefined);
      setDecided(decision);
      onDecided?.(decision);
    } catch (error) {
      setProblem(problemOf(error));
    } finally {
      setBusy(false);
    }
  }
  if (decided) return <p role="status" className="decided" data-testid="decided">{t(`screening.decided.${decided}`)}</p>;
  return (
    <form className="decide" aria-label={t('screening.decideOf', { subject })} onSubmit={(e: FormEvent) => { e.preventDefault(); void decide('confirmed'); }}>
      <label htmlFor={noteId}>{t('screening.note')}</label>
      <input id={noteId} name="note" dir="auto" maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} />
      <div className="actions">
        <button type="submit" className="button-secondary button-small" disabled={busy}>{t('screening.confirm')}</button>
        <button type="button" className="button-secondary button-small" disabled={busy}
          onClick={() => void decide('false_positive')}>{t('screening.falsePositive')}</button>
      </div>
      <ProblemAlert problem={problem} />
    </form>
  );
}

function FullMatchCard({ match }: { match: FullMatch }) {
  const { t } = useTranslation();
  const { model, orgs } = useReference();
  const id = useId();
  const type = model?.schemata.find((s) => s.name === match.schema)?.label ?? match.schema;
  return (
    <article className="match match-full" aria-labelledby={id} data-testid="match">
      <div className="match-head">
        <h3 id={id}><Link to={`/records/${match.recordId}`}><bdi dir="auto">{match.caption}</bdi></Link></h3>
        <Score score={match.score} />
      </div>
      <dl className="match-facts">
        <div><dt>{t('screening.type')}</dt><dd>{type}</dd></div>
        <div><dt>{t('screening.dataset')}</dt><dd dir="auto">{match.dataset}</dd></div>
        {match.sourceId ? <div><dt>{t('screening.sourceId')}</dt><dd dir="auto" className="break">{match.sourceId}</dd></div> : null}
        <div><dt>{t('screening.owner')}</dt><dd>{orgName(orgs, match.ownerOrg)}</dd></div>
      </dl>
      <h4 className="visually-hidden">{t('screening.explanation')}</h4>
      <Features features={match.features} />
      <Cleared match={match} />
      {match.hitId ? <DecideHit hitId={match.hitId} subject={match.caption} /> : null}
    </article>
  );
}

/** A record the asker may not read: that it exists and whom to ask, nothing of what it says. */
function ContactMatchCard({ match }: { match: ContactMatch }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <article className="match match-contact" aria-labelledby={id} data-testid="match">
      <div className="match-head">
        <h3 id={id}>{t('screening.contactOwner', { owner: match.ownerName })}</h3>
        <Score score={match.score} />
      </div>
      <p>{t('screening.contactOwnerHint')} <Link to="/organisations">{t('screening.directory')}</Link></p>
      <Cleared match={match} />
    </article>
  );
}

/** A subject this organisation cleared before against this version of the record: no new hit was raised. */
function Cleared({ match }: { match: Match }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (!match.previouslyCleared) return null;
  return (
    <p className="meta" data-testid="cleared">
      {t('screening.cleared', { date: format.dateTime(match.previouslyCleared.decidedAt) })}
      {match.previouslyCleared.note ? <> — <bdi dir="auto">{match.previouslyCleared.note}</bdi></> : null}
    </p>
  );
}

/** The matches of one check, best first. */
export function MatchList({ matches }: { matches: Match[] }) {
  const sorted = [...matches].sort((a, b) => b.score - a.score);
  return (
    <div className="matches">
      {sorted.map((m) => (m.disclosure === 'full' ? <FullMatchCard key={m.recordId} match={m} /> : <ContactMatchCard key={m.recordId} match={m} />))}
    </div>
  );
}
