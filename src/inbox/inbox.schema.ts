import { z } from 'zod';
import { NOTIFICATION_PRIORITIES } from '../kernel/notifications/notify.ts';
import { ACTIVITY_ACTIONS } from './activity.repository.ts';

export const inboxQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20).describe('How many notifications to return'),
  before: z.uuid('is not a notification id').optional().describe('Only notifications older than this one: pass the previous page’s nextBefore'),
  unreadOnly: z.stringbool().default(false).describe('Only notifications you have not read'),
});

export const notificationIdParams = z.object({ id: z.uuid('is not a notification id') });

const unread = z.number().int().min(0).describe('Your unread notifications, counted up to 100 (show "99+" beyond 99)');

export const notificationOutput = z.object({
  id: z.string(),
  kind: z.string().describe('A dotted machine name: record.review_due, screening.hit, message.received, notice, …'),
  title: z.string(),
  body: z.string().nullable(),
  ref: z
    .object({ type: z.string().describe('record, hit, message, match, …'), id: z.string() })
    .nullable()
    .describe('What the notification is about, to link to it'),
  priority: z.enum(NOTIFICATION_PRIORITIES),
  createdAt: z.string(),
  personal: z.boolean().describe('Addressed to you rather than to your whole organisation'),
  readAt: z.string().nullable().describe('When you read it; null while unread (each person has their own read state)'),
});

export const inboxOutput = z.object({
  items: z.array(notificationOutput).describe('Newest first'),
  unread,
  nextBefore: z.string().nullable().describe('Pass as before, with the same unreadOnly, for the next older page; null on the last page'),
});

export const unreadOutput = z.object({ unread });

export const markReadOutput = z.object({ item: notificationOutput, unread });

export const markAllReadOutput = z.object({
  marked: z.number().int().min(0).describe('How many notifications were unread and are now read'),
  unread,
});

export const limitQuery = (fallback: number, max: number) =>
  z.object({ limit: z.coerce.number().int().min(1).max(max).default(fallback).describe('How many items to return') });

export const tasksOutput = z.object({
  items: z
    .array(
      z.object({
        recordId: z.string(),
        caption: z.string(),
        schema: z.string(),
        reviewDate: z.string().describe('YYYY-MM-DD'),
        daysLeft: z.number().int().describe('Days until the review date; negative when overdue'),
      }),
    )
    .describe('Records your organisation owns whose review is overdue or due soon: review, extend or cancel them. Soonest first'),
  total: z.number().int().describe('How many such records there are in all'),
  withinDays: z.number().int().describe('Reviews due within this many days are listed'),
});

export const activityOutput = z.object({
  items: z
    .array(
      z.object({
        seq: z.number().int().describe('The audit entry'),
        at: z.string(),
        action: z.enum(ACTIVITY_ACTIONS),
        actorUser: z.string().nullable(),
        actorName: z.string().nullable().describe('The user’s display name, or "API key <name>"; null when unknown'),
        targetType: z.string().nullable(),
        targetId: z.string().nullable().describe('The one record or import acted on; null when several or none'),
        count: z.number().int().nullable().describe('How many records the act concerned, when known'),
      }),
    )
    .describe('Newest first: records created, changed or cancelled, imports and exports finished, and sign-ins, by people of your organisation'),
});
