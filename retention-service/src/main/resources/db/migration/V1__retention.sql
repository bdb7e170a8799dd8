-- retention-service: one policy per data category, built from the catalogues the services publish.

-- The period in force per category (ISO-8601: P90D, P7Y, or PT1H for the platform's short-lived rows). declared_period is what the owning service's catalogue says;
-- period is what applies - the declared one unless the privacy officer changed it, never below the
-- statutory minimum.
CREATE TABLE retention_policy (
    category           text PRIMARY KEY,
    -- the services that hold it: most categories have one, the platform's (outgoing mail, ...) all
    services           text[] NOT NULL,
    name               text NOT NULL,
    period             text NOT NULL,
    declared_period    text NOT NULL,
    statutory_minimum  text,
    law                text,
    starts_at          text NOT NULL,
    start_event        text,
    action             text NOT NULL CHECK (action IN ('DELETE', 'ANONYMISE')),
    version            int NOT NULL CHECK (version > 0),
    updated_at         timestamptz NOT NULL
);

-- Every version of every policy: who set the period (null: the service's catalogue), when and why.
CREATE TABLE retention_policy_version (
    category    text NOT NULL REFERENCES retention_policy (category) ON DELETE CASCADE,
    version     int NOT NULL,
    period      text NOT NULL,
    changed_by  uuid,
    changed_at  timestamptz NOT NULL,
    reason      text NOT NULL,
    PRIMARY KEY (category, version)
);

-- Each PURGE sent to a participant. A run without a receipt is sent again (same command id: the
-- participant answers it once) until the receipt comes.
CREATE TABLE purge_run (
    command_id       uuid PRIMARY KEY,
    category         text NOT NULL,
    service          text NOT NULL,
    subject_id       uuid NOT NULL,
    cutoff           timestamptz,
    sent_at          timestamptz NOT NULL,
    attempts         int NOT NULL,
    next_attempt_at  timestamptz,
    completed_at     timestamptz
);
CREATE INDEX purge_run_category ON purge_run (category, service, sent_at DESC);
CREATE INDEX purge_run_pending ON purge_run (next_attempt_at) WHERE completed_at IS NULL;

-- The receipts: what a participant purged, kept 5 years. No personal data: counts, a cut-off, the
-- references of the holds that kept records.
CREATE TABLE purge_receipt (
    command_id       uuid PRIMARY KEY REFERENCES purge_run (command_id),
    category         text NOT NULL,
    service          text NOT NULL,
    outcome          text NOT NULL,
    purged           bigint NOT NULL,
    hold_references  text[] NOT NULL,
    cutoff           timestamptz,
    completed_at     timestamptz NOT NULL,
    keep_until       timestamptz NOT NULL
);
CREATE INDEX purge_receipt_category ON purge_receipt (category, completed_at DESC);
CREATE INDEX purge_receipt_keep_until ON purge_receipt (keep_until);
