import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, problemOf, unwrap, type Problem } from '../api/client';
import type { paths } from '../api/schema';
import { useFormat } from '../i18n/format';
import { ProblemAlert } from './ProblemAlert';

type Tasks = paths['/api/inbox/tasks']['get']['responses'][200]['content']['application/json'];

/** The organisation's records whose review is overdue or due soon, soonest first, each linked. */
export function ReviewTasks() {
  const { t } = useTranslation();
  const format = useFormat();
  const [tasks, setTasks] = useState<Tasks | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);

  useEffect(() => {
    let live = true;
    unwrap(api.GET('/api/inbox/tasks', { params: { query: { limit: 10 } } }))
      .then((result) => live && setTasks(result))
      .catch((error: unknown) => live && setProblem(problemOf(error)));
    return () => {
      live = false;
    };
  }, []);

  const due = (daysLeft: number) =>
    daysLeft < 0 ? t('inbox.overdueBy', { count: -daysLeft }) : daysLeft === 0 ? t('inbox.dueToday') : t('inbox.dueIn', { count: daysLeft });

  return (
    <section aria-labelledby="tasks-heading" data-testid="review-tasks">
      <h2 id="tasks-heading">{t('inbox.tasks')}</h2>
      <ProblemAlert problem={problem} />
      {tasks === null && !problem ? <p role="status">{t('app.loading')}</p> : null}
      {tasks ? <p className="hint">{t('inbox.tasksHint', { count: tasks.withinDays })}</p> : null}
      {tasks?.items.length === 0 ? <p>{t('inbox.noTasks')}</p> : null}
      {tasks && tasks.items.length > 0 ? (
        <ul className="task-list">
          {tasks.items.map((task) => (
            <li key={task.recordId}>
              <Link to={`/records/${task.recordId}`}>{task.caption}</Link>
              {' — '}
              <time dateTime={task.reviewDate}>{format.date(task.reviewDate)}</time>
              {' '}
              <span className={task.daysLeft < 0 ? 'badge badge-warning' : 'badge'}>{due(task.daysLeft)}</span>
            </li>
          ))}
        </ul>
      ) : null}
      {tasks && tasks.total > tasks.items.length ? <p className="meta">{t('inbox.tasksTotal', { count: tasks.total, formattedCount: format.number(tasks.total) })}</p> : null}
    </section>
  );
}
