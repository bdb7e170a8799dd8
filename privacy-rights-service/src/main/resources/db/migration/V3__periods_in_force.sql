-- The retention period in force per category, as retention-service publishes it (the catalogue's,
-- or the privacy officer's): what the information sheet and the privacy statement say.
CREATE TABLE period_in_force (
    category    text PRIMARY KEY,
    period      text NOT NULL,
    version     int NOT NULL,
    changed_at  timestamptz NOT NULL,
    received_at timestamptz NOT NULL
);
