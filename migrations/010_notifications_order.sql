-- Notifications are listed newest first. Two written within the same clock tick (PGlite's
-- clock is coarse) would tie on created_at and fall back to the random id: a number in
-- order of writing keeps the inbox in the order things happened.
ALTER TABLE notifications ADD COLUMN seq bigint GENERATED ALWAYS AS IDENTITY;
CREATE INDEX notifications_org_seq ON notifications (org_id, seq DESC);
