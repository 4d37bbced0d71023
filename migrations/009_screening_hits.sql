-- Screening hits: every match at or above the threshold a check returned, written in the same
-- transaction as its audit entry, the owner's notification and any webhook delivery
-- (src/screening/hits.service.ts). Checks without a hit write nothing.
CREATE TABLE screening_hits (
  id              uuid PRIMARY KEY,
  -- One check (one subject screened) may raise several hits.
  check_id        uuid NOT NULL,
  asked_at        timestamptz NOT NULL DEFAULT now(),
  asker_org       text NOT NULL REFERENCES organisations (id),
  -- The actor label (user id, `apikey:<id>` or a console operator's name), as in the audit trail.
  asker_user      text NOT NULL,
  asker_api_key   text,
  purpose         text CHECK (length(purpose) <= 2000),
  record_id       uuid NOT NULL REFERENCES records (id),
  record_version  integer NOT NULL,
  owner_org       text NOT NULL REFERENCES organisations (id),
  score           double precision NOT NULL CHECK (score BETWEEN 0 AND 1),
  -- What the asker was shown at the time: the record, or only whom to contact.
  disclosure      text NOT NULL CHECK (disclosure IN ('full', 'contact-owner')),
  -- The fields the asker screened (name, birthDate, nationality, gender, documentNumber): the
  -- asker's own data, kept for the owner to act on. Never the raw MRZ.
  subject         jsonb NOT NULL,
  -- SHA-256 of the normalised name, birth date and document number: the same person screened again.
  subject_key     text NOT NULL CHECK (subject_key ~ '^[0-9a-f]{64}$'),
  status          text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'confirmed', 'false_positive')),
  decided_at      timestamptz,
  decided_by      text,
  decision_note   text CHECK (length(decision_note) <= 2000),
  CHECK ((status = 'open') = (decided_at IS NULL))
);
-- "Hits we raised" and "hits on our records", newest first.
CREATE INDEX screening_hits_asked ON screening_hits (asker_org, asked_at DESC, id DESC);
CREATE INDEX screening_hits_owned ON screening_hits (owner_org, asked_at DESC, id DESC);
-- Suppression: this subject already cleared by this organisation against this record version.
CREATE INDEX screening_hits_cleared ON screening_hits (asker_org, subject_key, record_id, record_version)
  WHERE status = 'false_positive';

-- An organisation's webhook: hits on its records are posted there, signed with its secret.
CREATE TABLE org_webhooks (
  org_id      text PRIMARY KEY REFERENCES organisations (id),
  url         text NOT NULL CHECK (url ~ '^https?://' AND length(url) <= 2000),
  -- HMAC-SHA256 key: kept in clear because signing needs it; shown once when set.
  secret      text NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now(),
  updated_by  text NOT NULL
);

-- The outbox: one row per event to post, written with the event, delivered by the worker with
-- retries and backoff. The delivery id is the idempotency key the receiver sees.
CREATE TABLE webhook_deliveries (
  id               uuid PRIMARY KEY,
  org_id           text NOT NULL REFERENCES organisations (id),
  event            text NOT NULL,
  payload          jsonb NOT NULL,
  status           text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
  attempts         integer NOT NULL DEFAULT 0,
  next_attempt_at  timestamptz NOT NULL DEFAULT now(),
  last_error       text,
  created_at       timestamptz NOT NULL DEFAULT now(),
  delivered_at     timestamptz
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';
