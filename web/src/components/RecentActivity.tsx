import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, problemOf, unwrap, type Problem } from '../api/client';
import type { paths } from '../api/schema';
import { useFormat } from '../i18n/format';
import { ProblemAlert } from './ProblemAlert';

type Activity = paths['/api/activity']['get']['responses'][200]['content']['application/json']['items'][number];

/** What the people of the caller's organisation did lately: records changed, imports, exports, sign-ins. */
export function RecentActivity() {
  const { t } = useTranslation();
  const format = useFormat();
  const [items, setItems] = useState<Activity[] | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);

  useEffect(() => {
    let live = true;
    unwrap(api.GET('/api/activity', { params: { query: { limit: 10 } } }))
      .then((result) => live && setItems(result.items))
      .catch((error: unknown) => live && setProblem(problemOf(error)));
    return () => {
      live = false;
    };
  }, []);

  const describe = (a: Activity) =>
    t(`inbox.action.${a.action.replace('.', '_')}`, { actor: a.actorName ?? t('inbox.someone'), count: a.count ?? 1, formattedCount: format.number(a.count ?? 1) });

  return (
    <section aria-labelledby="activity-heading" className="panel" data-testid="recent-activity">
      <h2 id="activity-heading">{t('inbox.activity')}</h2>
      <ProblemAlert problem={problem} />
      {items === null && !problem ? <p role="status">{t('app.loading')}</p> : null}
      {items?.length === 0 ? <p>{t('inbox.noActivity')}</p> : null}
      {items && items.length > 0 ? (
        <ul className="activity-list">
          {items.map((a) => (
            <li key={a.seq}>
              {a.targetType === 'record' && a.targetId ? <Link to={`/records/${a.targetId}`}>{describe(a)}</Link> : describe(a)}
              <br />
              <time className="meta" dateTime={a.at}>{format.dateTime(a.at)}</time>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
