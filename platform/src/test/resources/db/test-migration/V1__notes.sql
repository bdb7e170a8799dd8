CREATE TABLE note (
    id         UUID PRIMARY KEY,
    owner_id   UUID         NOT NULL,
    text       VARCHAR(500) NOT NULL,
    created_at TIMESTAMPTZ  NOT NULL
);

-- What the test consumer did, one row per handled event; deliberately without a unique key, so
-- that a second effect of one event would show as a second row.
CREATE TABLE note_effect (
    event_id   VARCHAR(255) NOT NULL,
    note_id    UUID         NOT NULL,
    handled_at TIMESTAMPTZ  NOT NULL
);
