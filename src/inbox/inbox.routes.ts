import { requireActor } from '../server/auth-hook.ts';
import type { RouteModule } from '../server/context.ts';
import {
  activityOutput,
  inboxOutput,
  inboxQuery,
  limitQuery,
  markAllReadOutput,
  markReadOutput,
  notificationIdParams,
  tasksOutput,
  unreadOutput,
} from './inbox.schema.ts';
import { InboxService } from './inbox.service.ts';

const tags = ['inbox'];

export const inboxRoutes: RouteModule = (app, ctx) => {
  const inbox = new InboxService(ctx.store);

  app.get('/api/inbox', {
    schema: { tags, summary: 'Your notifications, newest first, a page at a time, with your unread count', querystring: inboxQuery, response: { 200: inboxOutput } },
  }, async (request) => inbox.list(requireActor(request), request.query));

  app.get('/api/inbox/unread', {
    schema: { tags, summary: 'How many notifications you have not read', response: { 200: unreadOutput } },
  }, async (request) => inbox.unreadCount(requireActor(request)));

  app.post('/api/inbox/:id/read', {
    schema: { tags, summary: 'Mark one notification read, for you only', params: notificationIdParams, response: { 200: markReadOutput } },
  }, async (request) => inbox.markRead(requireActor(request), request.params.id));

  app.post('/api/inbox/read-all', {
    schema: { tags, summary: 'Mark every notification you see read, for you only', response: { 200: markAllReadOutput } },
  }, async (request) => inbox.markAllRead(requireActor(request)));

  app.get('/api/inbox/tasks', {
    schema: { tags, summary: 'Records your organisation must review: overdue or due within 30 days', querystring: limitQuery(20, 200), response: { 200: tasksOutput } },
  }, async (request) => inbox.tasks(requireActor(request), request.query.limit));

  app.get('/api/activity', {
    schema: { tags, summary: 'Recent acts of your organisation’s people: records changed, imports, exports, sign-ins', querystring: limitQuery(15, 100), response: { 200: activityOutput } },
  }, async (request) => inbox.activity(requireActor(request), request.query.limit));
};
