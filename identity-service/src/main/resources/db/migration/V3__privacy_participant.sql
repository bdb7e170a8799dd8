-- identity-service as a privacy participant (platform privacy contract).

-- An erased account stays as a shell (its id, when it was created and closed): the newsletter
-- consent proof that the law lets us keep refers to it. Everything personal in it is gone.
ALTER TABLE account ALTER COLUMN first_name DROP NOT NULL;
ALTER TABLE account ALTER COLUMN last_name DROP NOT NULL;
ALTER TABLE account ALTER COLUMN street DROP NOT NULL;
ALTER TABLE account ALTER COLUMN postal_code DROP NOT NULL;
ALTER TABLE account ALTER COLUMN city DROP NOT NULL;
ALTER TABLE account ALTER COLUMN country DROP NOT NULL;
ALTER TABLE account ADD COLUMN erased_at TIMESTAMPTZ;
-- Restriction (GDPR art. 18): kept, not processed beyond storage; visible wherever staff see it.
ALTER TABLE account ADD COLUMN restricted_at TIMESTAMPTZ;
ALTER TABLE job_application ADD COLUMN restricted_at TIMESTAMPTZ;

-- Objections (art. 21) to processing other than direct marketing, with the privacy officer's decision.
CREATE TABLE processing_objection (
    id          UUID         PRIMARY KEY,
    subject_id  UUID         NOT NULL,
    processing  VARCHAR(100) NOT NULL,
    upheld      BOOLEAN      NOT NULL,
    recorded_at TIMESTAMPTZ  NOT NULL
);
CREATE INDEX processing_objection_subject ON processing_objection (subject_id);

-- The version of the privacy statement in force, as privacy-rights-service publishes it; consent
-- proof records it.
CREATE TABLE privacy_notice (
    id           INTEGER     PRIMARY KEY CHECK (id = 1),
    version      VARCHAR(20) NOT NULL,
    published_at TIMESTAMPTZ NOT NULL
);
