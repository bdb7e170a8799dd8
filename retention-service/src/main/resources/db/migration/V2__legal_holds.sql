-- Legal holds as the privacy officer placed and lifted them: the record of the case. The services
-- (this one included) keep only the active holds they need, from the retention.holds topic.
CREATE TABLE legal_hold_case (
    id          uuid PRIMARY KEY,
    subject_id  uuid,
    category    text,
    reference   text NOT NULL,
    reason      text NOT NULL,
    placed_by   uuid NOT NULL,
    placed_at   timestamptz NOT NULL,
    lifted_by   uuid,
    lifted_at   timestamptz,
    lift_reason text,
    CHECK (subject_id IS NOT NULL OR category IS NOT NULL),
    CHECK ((lifted_at IS NULL) = (lifted_by IS NULL))
);
CREATE INDEX legal_hold_case_active ON legal_hold_case (placed_at) WHERE lifted_at IS NULL;
CREATE INDEX legal_hold_case_subject ON legal_hold_case (subject_id);
