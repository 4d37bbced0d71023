-- Passerelle foundation: organisations, people, records, versions, audit.
-- Written for PostgreSQL 15 and PGlite (PostgreSQL 18) alike.

CREATE TABLE organisations (
  id          text PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
  name        text NOT NULL,
  kind        text NOT NULL CHECK (kind IN ('ncb', 'unit', 'partner', 'hub')),
  country     text CHECK (country ~ '^[a-z]{2}$'),
  contact     text,
  active      boolean NOT NULL DEFAULT true,
  created_at  timestamptz NOT NULL DEFAULT now(),
  CHECK (kind <> 'ncb' OR country IS NOT NULL)
);
-- One National Central Bureau per country; one hub.
CREATE UNIQUE INDEX organisations_one_ncb_per_country ON organisations (country) WHERE kind = 'ncb';
CREATE UNIQUE INDEX organisations_one_hub ON organisations (kind) WHERE kind = 'hub';

CREATE TABLE users (
  id                text PRIMARY KEY,
  username          text NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9][a-z0-9._-]{1,62}$'),
  display_name      text NOT NULL,
  org_id            text NOT NULL REFERENCES organisations (id),
  role              text NOT NULL CHECK (role IN ('officer', 'analyst', 'supervisor', 'admin', 'auditor', 'partner')),
  password_hash     text NOT NULL,
  totp_secret       text,
  totp_enabled      boolean NOT NULL DEFAULT false,
  failed_logins     integer NOT NULL DEFAULT 0,
  locked_until      timestamptz,
  active            boolean NOT NULL DEFAULT true,
  locale            text NOT NULL DEFAULT 'en',
  created_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX users_org ON users (org_id);

CREATE TABLE sessions (
  token_hash   text PRIMARY KEY,
  user_id      text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  -- 'pending' sessions have passed the password but still owe the second factor.
  stage        text NOT NULL CHECK (stage IN ('pending', 'active')),
  created_at   timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE api_keys (
  id           text PRIMARY KEY,
  key_hash     text NOT NULL UNIQUE,
  name         text NOT NULL,
  org_id       text NOT NULL REFERENCES organisations (id),
  scopes       text[] NOT NULL,
  created_by   text REFERENCES users (id),
  created_at   timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz,
  revoked_at   timestamptz,
  last_used_at timestamptz
);

CREATE TABLE imports (
  id           uuid PRIMARY KEY,
  dataset      text NOT NULL,
  format       text NOT NULL,
  file_name    text,
  file_sha256  text,
  org_id       text NOT NULL REFERENCES organisations (id),
  started_by   text,
  status       text NOT NULL CHECK (status IN ('running', 'completed', 'failed', 'interrupted')),
  lines_read   integer NOT NULL DEFAULT 0,
  imported     integer NOT NULL DEFAULT 0,
  rejected     integer NOT NULL DEFAULT 0,
  started_at   timestamptz NOT NULL DEFAULT now(),
  finished_at  timestamptz,
  message      text
);

CREATE TABLE records (
  id                 uuid PRIMARY KEY,
  schema             text NOT NULL,
  caption            text NOT NULL,
  properties         jsonb NOT NULL,
  -- Ids of the records this one points to (holder, member, owner, …): the relation graph.
  refs               uuid[] NOT NULL DEFAULT '{}',
  countries          text[] NOT NULL DEFAULT '{}',
  search_text        text NOT NULL DEFAULT '',
  dataset            text NOT NULL,
  source_id          text,
  owner_org          text NOT NULL REFERENCES organisations (id),
  crime_area         text NOT NULL,
  purpose            text,
  restriction_mode   text NOT NULL CHECK (restriction_mode IN ('everyone', 'only_listed', 'all_except', 'owner_and_hub')),
  restriction_orgs   text[] NOT NULL DEFAULT '{}',
  handling_code      text NOT NULL CHECK (handling_code IN ('H0', 'H1', 'H2', 'H3')),
  handling_note      text,
  source_reliability text NOT NULL CHECK (source_reliability IN ('A', 'B', 'C', 'X')),
  info_reliability   smallint NOT NULL CHECK (info_reliability BETWEEN 1 AND 4),
  review_date        date NOT NULL,
  status             text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'cancelled')),
  cancel_reason      text,
  version            integer NOT NULL DEFAULT 1,
  import_id          uuid REFERENCES imports (id),
  created_at         timestamptz NOT NULL,
  created_by         text NOT NULL,
  updated_at         timestamptz NOT NULL,
  updated_by         text NOT NULL,
  CHECK (handling_code <> 'H3' OR handling_note IS NOT NULL),
  CHECK (status <> 'cancelled' OR cancel_reason IS NOT NULL)
);
CREATE UNIQUE INDEX records_dataset_source ON records (dataset, source_id) WHERE source_id IS NOT NULL;
CREATE INDEX records_owner ON records (owner_org);
CREATE INDEX records_schema ON records (schema);
CREATE INDEX records_refs ON records USING gin (refs);
CREATE INDEX records_search ON records USING gin (to_tsvector('simple', search_text));
CREATE INDEX records_review ON records (review_date) WHERE status = 'active';

-- Every earlier state of a record. Filled by the trigger below, so no code path can
-- overwrite a record without keeping what it replaced.
CREATE TABLE record_versions (
  record_id   uuid NOT NULL REFERENCES records (id),
  version     integer NOT NULL,
  snapshot    jsonb NOT NULL,
  replaced_at timestamptz NOT NULL,
  replaced_by text NOT NULL,
  PRIMARY KEY (record_id, version)
);

CREATE FUNCTION records_keep_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.version IS DISTINCT FROM OLD.version + 1 THEN
    RAISE EXCEPTION 'record % update must advance version from % to %', OLD.id, OLD.version, OLD.version + 1
      USING ERRCODE = '40001';
  END IF;
  INSERT INTO record_versions (record_id, version, snapshot, replaced_at, replaced_by)
  VALUES (OLD.id, OLD.version, to_jsonb(OLD) - 'search_text', NEW.updated_at, NEW.updated_by);
  RETURN NEW;
END $$;

CREATE TRIGGER records_versioned BEFORE UPDATE ON records
  FOR EACH ROW EXECUTE FUNCTION records_keep_version();

CREATE FUNCTION records_no_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'records are cancelled, never deleted (record %)', OLD.id;
END $$;
CREATE TRIGGER records_kept BEFORE DELETE ON records
  FOR EACH ROW EXECUTE FUNCTION records_no_delete();

-- Hash-chained, append-only audit trail. seq has no gaps: it is assigned under a lock
-- from the head below, so a missing number is a deleted entry.
CREATE TABLE audit_log (
  seq         bigint PRIMARY KEY,
  at          timestamptz NOT NULL,
  actor_user  text,
  actor_org   text,
  action      text NOT NULL,
  target_type text,
  target_ids  text[] NOT NULL DEFAULT '{}',
  purpose     text,
  details     jsonb NOT NULL DEFAULT '{}',
  prev_hash   text NOT NULL,
  hash        text NOT NULL
);
CREATE INDEX audit_log_actor ON audit_log (actor_user, at);
CREATE INDEX audit_log_org ON audit_log (actor_org, at);
CREATE INDEX audit_log_action ON audit_log (action, at);
CREATE INDEX audit_log_targets ON audit_log USING gin (target_ids);

-- The chain's latest link, kept apart so that cutting entries off the end is detected too.
CREATE TABLE audit_head (
  id    boolean PRIMARY KEY DEFAULT true CHECK (id),
  seq   bigint NOT NULL,
  hash  text NOT NULL
);
INSERT INTO audit_head (seq, hash) VALUES (0, repeat('0', 64));
