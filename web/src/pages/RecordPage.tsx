import { useEffect, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, ApiError, problemOf, unwrap, type Problem, type RecordView, type Relations, type SchemaSpec, type Version } from '../api/client';
import { Field } from '../components/Field';
import { NameWithLatin } from '../components/NameWithLatin';
import { ProblemAlert } from '../components/ProblemAlert';
import { useFormat } from '../i18n/format';
import { orgName, useReference } from '../model';
import { useDocumentTitle } from '../useDocumentTitle';

interface Loaded {
  record: RecordView;
  relations: Relations | null;
  versions: Version[];
}

const today = () => new Date().toISOString().slice(0, 10);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function loadRecord(id: string): Promise<Loaded> {
  if (!UUID.test(id)) throw new ApiError({ status: 404 });
  const path = { id };
  const record = await unwrap(api.GET('/api/records/{id}', { params: { path, query: {} } }));
  const [relations, versions] = await Promise.all([
    unwrap(api.GET('/api/records/{id}/relations', { params: { path } })).catch(() => null),
    unwrap(api.GET('/api/records/{id}/versions', { params: { path } })),
  ]);
  return { record, relations, versions };
}

/** One record: properties, relations, handling, history, and what the caller may do with it. */
export function RecordPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const [state, setState] = useState<{ id: string; loaded?: Loaded; problem?: Problem } | null>(null);
  const [reloads, setReloads] = useState(0);

  useEffect(() => {
    let live = true;
    loadRecord(id)
      .then((loaded) => { if (live) setState({ id, loaded }); })
      .catch((error: unknown) => { if (live) setState({ id, problem: problemOf(error) }); });
    return () => {
      live = false;
    };
  }, [id, reloads]);

  const current = state?.id === id ? state : null;
  useDocumentTitle(current?.loaded?.record.caption ?? (current?.problem ? t('record.notFound') : ''));
  if (current?.problem?.status === 404) {
    return (
      <>
        <h1>{t('record.notFound')}</h1>
        <p data-testid="not-found">{t('record.notFoundDetail')}</p>
      </>
    );
  }
  if (current?.problem) return <ProblemAlert problem={current.problem} />;
  if (!current?.loaded) return <p role="status">{t('app.loading')}</p>;
  return <RecordView_ {...current.loaded} onChanged={async () => setReloads((n) => n + 1)} />;
}

function RecordView_({ record, relations, versions, onChanged }: Loaded & { onChanged: () => Promise<void> }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { model, orgs } = useReference();
  const spec = model?.schemata.find((s) => s.name === record.schema);
  const overdue = record.status === 'active' && record.reviewDate < today();
  const label = (prop: string) => spec?.properties.find((p) => p.name === prop)?.label ?? prop;

  return (
    <article>
      <div className="page-title">
        <div>
          <p className="eyebrow">{spec?.label ?? record.schema} · {t('record.version', { version: format.number(record.version) })}</p>
          <h1><NameWithLatin name={record.caption} latin={record.latin} /></h1>
        </div>
        <div className="actions">
          {record.abilities.update ? <Link className="button" to={`/records/${record.id}/edit`}>{t('record.edit')}</Link> : null}
        </div>
      </div>
      {record.status === 'cancelled' ? (
        <div className="alert alert-warning" role="status">
          <p>{t('record.cancelled')}</p>
          {record.cancelReason ? <p>{t('record.cancelReason')}: <span dir="auto">{record.cancelReason}</span></p> : null}
        </div>
      ) : null}
      <div className="record-grid">
        <section aria-labelledby="props-heading" className="panel">
          <h2 id="props-heading">{t('record.properties')}</h2>
          <PropertyList record={record} spec={spec} />
        </section>
        <section aria-labelledby="meta-heading" className="panel">
          <h2 id="meta-heading">{t('record.handlingTitle')}</h2>
          <dl className="properties">
            <dt>{t('record.owner')}</dt>
            <dd>{orgName(orgs, record.ownerOrg)}</dd>
            <dt>{t('records.crimeArea')}</dt>
            <dd>{t(`crimeArea.${record.crimeArea}`)}</dd>
            <dt>{t('record.restriction')}</dt>
            <dd>
              {t(`restriction.${record.restriction.mode}`)}
              {record.restriction.orgs.length > 0 ? <ul>{record.restriction.orgs.map((o) => <li key={o}>{orgName(orgs, o)}</li>)}</ul> : null}
            </dd>
            <dt>{t('record.handlingCode')}</dt>
            <dd>{t(`handling.${record.handling.code}`)}</dd>
            {record.handling.note ? (<><dt>{t('record.handlingNote')}</dt><dd dir="auto">{record.handling.note}</dd></>) : null}
            <dt>{t('record.evaluation')}</dt>
            <dd>{t('record.evaluationValue', { source: record.evaluation.source, information: record.evaluation.information })}</dd>
            <dt>{t('record.reviewDate')}</dt>
            <dd>
              <time dateTime={record.reviewDate}>{format.date(record.reviewDate)}</time>
              {overdue ? <span className="badge badge-warning" data-testid="review-overdue">{t('record.overdue')}</span> : null}
            </dd>
            <dt>{t('records.status')}</dt>
            <dd>{t(`status.${record.status}`)}</dd>
            {record.purpose ? (<><dt>{t('record.purpose')}</dt><dd dir="auto">{record.purpose}</dd></>) : null}
          </dl>
          <p className="meta">{t('record.createdBy', { when: format.dateTime(record.createdAt), who: record.createdByName ?? record.createdBy })}</p>
          <p className="meta">{t('record.updatedBy', { when: format.dateTime(record.updatedAt), who: record.updatedByName ?? record.updatedBy })}</p>
        </section>
      </div>
      <section aria-labelledby="relations-heading">
        <h2 id="relations-heading">{t('record.relations')}</h2>
        <RelationList relations={relations} label={label} />
      </section>
      <section aria-labelledby="history-heading">
        <h2 id="history-heading">{t('record.history')}</h2>
        <History versions={versions} />
      </section>
      {record.abilities.cancel && record.status === 'active' ? <CancelRecord record={record} onCancelled={onChanged} /> : null}
    </article>
  );
}

const FULL_DATE = /^\d{4}-\d{2}-\d{2}$/;

function PropertyList({ record, spec }: { record: RecordView; spec: SchemaSpec | undefined }) {
  const format = useFormat();
  // Full dates and countries are shown in the reader's language; names stay in their own
  // script, with their Latin transliteration beside them; linked records are links.
  const show = (type: string | undefined, value: string) => {
    if (type === 'date' && FULL_DATE.test(value)) return <time dateTime={value}>{format.date(value)}</time>;
    if (type === 'country') return <span title={value}>{format.country(value)}</span>;
    if (type === 'name') return <NameWithLatin name={value} latin={record.latin} />;
    if (type === 'entity') return <Link to={`/records/${value}`}>{value}</Link>;
    return value;
  };
  const order = spec ? [...spec.featured, ...spec.properties.map((p) => p.name).filter((n) => !spec.featured.includes(n))] : Object.keys(record.properties);
  const present = order.filter((name) => (record.properties[name]?.length ?? 0) > 0);
  return (
    <dl className="properties">
      {present.map((name) => (
        <div key={name} className="property">
          <dt>{spec?.properties.find((p) => p.name === name)?.label ?? name}</dt>
          {(record.properties[name] ?? []).map((value, i) => <dd key={i} dir="auto">{show(spec?.properties.find((p) => p.name === name)?.type, value)}</dd>)}
        </div>
      ))}
    </dl>
  );
}

function RelationList({ relations, label }: { relations: Relations | null; label: (prop: string) => string }) {
  const { t } = useTranslation();
  const groups = [
    { key: 'outgoing', title: t('record.outgoing'), links: relations?.outgoing ?? [] },
    { key: 'incoming', title: t('record.incoming'), links: relations?.incoming ?? [] },
  ].filter((g) => g.links.length > 0);
  if (groups.length === 0) return <p>{t('record.noRelations')}</p>;
  return groups.map((g) => (
    <div key={g.key}>
      <h3>{g.title}</h3>
      <ul className="relations">
        {g.links.map((link) => (
          <li key={`${link.property}-${link.record.id}`}>
            <span className="relation-property">{label(link.property)}</span>{' '}
            <Link to={`/records/${link.record.id}`}><NameWithLatin name={link.record.caption} latin={link.record.latin} /></Link> <span className="meta">({link.record.schema})</span>
          </li>
        ))}
      </ul>
    </div>
  ));
}

function History({ versions }: { versions: Version[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (versions.length === 0) return <p>{t('record.historyEmpty')}</p>;
  return (
    <div className="table-wrap">
      <table>
        <caption className="visually-hidden">{t('record.history')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('record.versionCol')}</th>
            <th scope="col">{t('records.caption')}</th>
            <th scope="col">{t('record.replacedAt')}</th>
            <th scope="col">{t('record.replacedBy')}</th>
          </tr>
        </thead>
        <tbody>
          {versions.map((v) => (
            <tr key={v.version}>
              <td>{format.number(v.version)}</td>
              <td dir="auto">{v.record.caption}</td>
              <td>{v.replacedAt ? format.dateTime(v.replacedAt) : t('common.unknown')}</td>
              <td>{v.replacedByName ?? v.replacedBy ?? t('common.unknown')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function CancelRecord({ record, onCancelled }: { record: RecordView; onCancelled: () => Promise<void> }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    try {
      await unwrap(api.POST('/api/records/{id}/cancel', { params: { path: { id: record.id } }, body: { reason, expectedVersion: record.version } }));
      setOpen(false);
      await onCancelled();
    } catch (error) {
      setProblem(problemOf(error));
    }
  }

  if (!open) return <p><button type="button" className="button-danger" onClick={() => setOpen(true)}>{t('record.cancel')}</button></p>;
  const reasonError = problem?.problems?.find((p) => p.field.endsWith('reason'))?.message;
  return (
    <form className="panel" onSubmit={(e) => void submit(e)}>
      {problem && !reasonError ? <ProblemAlert problem={problem} message={problem.status === 409 ? t('form.conflict') : undefined} /> : null}
      <Field label={t('record.cancelReasonLabel')} error={reasonError} required>
        {(p) => <textarea {...p} required minLength={3} value={reason} onChange={(e) => setReason(e.target.value)} dir="auto" />}
      </Field>
      <div className="actions">
        <button type="submit" className="button-danger">{t('record.confirmCancel')}</button>
        <button type="button" className="button-secondary" onClick={() => setOpen(false)}>{t('record.keep')}</button>
      </div>
    </form>
  );
}
