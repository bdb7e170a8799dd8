-- One retention clock per subject and category, started by an event (an application rejected, ...):
-- when it is due and no hold applies, a PURGE goes to the owning service.
CREATE TABLE retention_clock (
    id              uuid PRIMARY KEY,
    category        text NOT NULL,
    service         text NOT NULL,
    subject_id      uuid NOT NULL,
    application_ids uuid[] NOT NULL,
    account_ids     uuid[] NOT NULL,
    started_at      timestamptz NOT NULL,
    due_at          timestamptz NOT NULL,
    started_by      uuid NOT NULL,
    state           text NOT NULL CHECK (state IN ('RUNNING', 'PURGE_SENT', 'PURGED', 'STOPPED')),
    command_id      uuid,
    UNIQUE (category, subject_id)
);
CREATE INDEX retention_clock_due ON retention_clock (due_at) WHERE state = 'RUNNING';
CREATE INDEX retention_clock_command ON retention_clock (command_id);
