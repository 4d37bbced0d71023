-- Notifications: what a capability tells an organisation or one of its people (a screening
-- hit, a message, a cross-check match, a record due for review). Written in the same
-- transaction as the act that caused it, by src/kernel/notifications/notify.ts.
CREATE TABLE notifications (
  id          uuid PRIMARY KEY,
  org_id      text NOT NULL REFERENCES organisations (id),
  -- Null: for every person of the organisation; otherwise for this one person only.
  user_id     text REFERENCES users (id),
  kind        text NOT NULL CHECK (kind ~ '^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$'),
  title       text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
  body        text CHECK (length(body) <= 4000),
  -- What the notification is about ('record', 'hit', 'message', 'match', …), to link to it.
  ref_type    text CHECK (ref_type ~ '^[a-z][a-z0-9_]*$'),
  ref_id      text,
  priority    text NOT NULL DEFAULT 'normal' CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
  -- The clock, not the transaction's start: several notices of one act keep their order.
  created_at  timestamptz NOT NULL DEFAULT clock_timestamp(),
  CHECK ((ref_type IS NULL) = (ref_id IS NULL))
);
-- "My inbox, newest first": an organisation's notifications in order; the addressee is
-- filtered on the way (org-wide or mine), the read state by the primary key below.
CREATE INDEX notifications_org_recent ON notifications (org_id, created_at DESC, id DESC);

-- Read state is per person: an org-wide notice one officer has read stays unread for the others.
CREATE TABLE notification_reads (
  user_id         text NOT NULL REFERENCES users (id),
  notification_id uuid NOT NULL REFERENCES notifications (id),
  read_at         timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, notification_id)
);

-- The home page's recent activity: an organisation's own acts, newest first, without reading
-- past the record reads and searches that make up most of the trail.
CREATE INDEX audit_log_org_activity ON audit_log (actor_org, seq DESC)
  WHERE action IN ('record.create', 'record.update', 'record.cancel', 'import.run', 'export.run', 'auth.login');
