-- The privacy participant every service is (platform/README.md, "Privacy").

-- Each command's result, so that a command sent again gets the same answer without a second effect.
CREATE TABLE privacy_command_result (
    command_id  UUID        PRIMARY KEY,
    kind        VARCHAR(20) NOT NULL,
    result      TEXT        NOT NULL,
    handled_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX privacy_command_result_handled_at ON privacy_command_result (handled_at);

-- Exports wait here for privacy-rights-service to fetch them with a service token (a claim check:
-- they can be megabytes, with a CV); deleted once fetched, or after a week.
CREATE TABLE privacy_export (
    id          UUID        PRIMARY KEY,
    command_id  UUID        NOT NULL,
    content     TEXT        NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    expires_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX privacy_export_expires_at ON privacy_export (expires_at);

-- This service's copy of the legal holds retention-service published: held data is not erased or purged.
CREATE TABLE legal_hold (
    hold_id     UUID         PRIMARY KEY,
    subject_id  UUID,
    category    VARCHAR(100),
    reference   VARCHAR(100) NOT NULL,
    placed_at   TIMESTAMPTZ  NOT NULL,
    CHECK (subject_id IS NOT NULL OR category IS NOT NULL)
);
CREATE INDEX legal_hold_subject ON legal_hold (subject_id);

-- The corrections of a rectification, delivered over REST before the command (they are personal data
-- and stay out of Kafka); used up when the command is applied, or deleted after a week.
CREATE TABLE privacy_correction (
    command_id   UUID        PRIMARY KEY,
    corrections  TEXT        NOT NULL,
    delivered_at TIMESTAMPTZ NOT NULL,
    expires_at   TIMESTAMPTZ NOT NULL
);
