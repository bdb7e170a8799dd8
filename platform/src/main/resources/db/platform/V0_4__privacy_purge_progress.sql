-- How far a purge got: each batch adds its count in its own transaction, so a purge that is
-- delivered again after a crash continues where it was and its receipt counts every record once.
CREATE TABLE privacy_purge_progress (
    command_id  UUID        PRIMARY KEY,
    removed     BIGINT      NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX privacy_purge_progress_updated_at ON privacy_purge_progress (updated_at);
