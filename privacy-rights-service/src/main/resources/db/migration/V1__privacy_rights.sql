-- privacy-rights-service: data-subject requests, complaints, the registers (see the service README).

-- A data-subject request (GDPR art. 15-21), from a logged-in customer or an e-mail address verified
-- with a mailed code. Deadlines are calendar dates in Europe/Amsterdam (art. 12(3)).
CREATE TABLE dsr_request (
    id                  UUID         PRIMARY KEY,
    type                VARCHAR(20)  NOT NULL CHECK (type IN ('ACCESS', 'PORTABILITY', 'RECTIFICATION', 'ERASURE',
                                                              'RESTRICTION', 'OBJECTION')),
    status              VARCHAR(20)  NOT NULL CHECK (status IN ('RECEIVED', 'AWAITING_DECISION', 'IN_PROGRESS',
                                                                'COMPLETED', 'REFUSED')),
    channel             VARCHAR(10)  NOT NULL CHECK (channel IN ('LOGIN', 'EMAIL')),
    login_id            UUID,
    email               VARCHAR(254),
    -- whom it is about, as ids (platform privacy Subject), once identity-service was asked
    subject_id          UUID,
    subject             TEXT,
    details             TEXT,
    processing          VARCHAR(100),
    requested_changes   TEXT,
    received_at         TIMESTAMPTZ  NOT NULL,
    received_on         DATE         NOT NULL,
    due_on              DATE         NOT NULL,
    extended_to         DATE,
    extension_reasons   TEXT,
    refusal_reason      VARCHAR(30),
    refusal_explanation TEXT,
    decision            TEXT,
    outcome             TEXT,
    completed_at        TIMESTAMPTZ,
    reminded_on         DATE,
    lift_restriction_at TIMESTAMPTZ,
    version             BIGINT       NOT NULL DEFAULT 0
);
CREATE INDEX dsr_request_open ON dsr_request (status, due_on);
CREATE INDEX dsr_request_login ON dsr_request (login_id, received_at);
CREATE INDEX dsr_request_email ON dsr_request (email);
CREATE INDEX dsr_request_subject ON dsr_request (subject_id);

-- The commands sent for a request, and each participant's answer. A request cannot complete while
-- one participant has not answered; silent ones are sent the command again.
CREATE TABLE request_command (
    command_id  UUID        PRIMARY KEY,
    request_id  UUID        NOT NULL REFERENCES dsr_request (id) ON DELETE CASCADE,
    kind        VARCHAR(20) NOT NULL,
    command     TEXT        NOT NULL,
    issued_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX request_command_request ON request_command (request_id);

CREATE TABLE command_participant (
    command_id    UUID         NOT NULL REFERENCES request_command (command_id) ON DELETE CASCADE,
    service       VARCHAR(100) NOT NULL,
    sent_at       TIMESTAMPTZ  NOT NULL,
    attempts      INTEGER      NOT NULL,
    next_retry_at TIMESTAMPTZ,
    answered_at   TIMESTAMPTZ,
    result        TEXT,
    export        TEXT,
    PRIMARY KEY (command_id, service)
);
CREATE INDEX command_participant_silent ON command_participant (next_retry_at) WHERE answered_at IS NULL;

-- An access or portability package: a copy of personal data, deleted when its link expires.
CREATE TABLE access_package (
    request_id    UUID        PRIMARY KEY REFERENCES dsr_request (id) ON DELETE CASCADE,
    content       TEXT        NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL,
    expires_at    TIMESTAMPTZ NOT NULL,
    token_hash    VARCHAR(64) NOT NULL UNIQUE,
    token_used_at TIMESTAMPTZ
);
CREATE INDEX access_package_expires_at ON access_package (expires_at);

-- A request or complaint from an e-mail address, waiting for the mailed code.
CREATE TABLE email_verification (
    id          UUID         PRIMARY KEY,
    purpose     VARCHAR(10)  NOT NULL CHECK (purpose IN ('REQUEST', 'COMPLAINT')),
    email       VARCHAR(254) NOT NULL,
    payload     TEXT         NOT NULL,
    code_hash   VARCHAR(64)  NOT NULL,
    attempts    INTEGER      NOT NULL DEFAULT 0,
    created_at  TIMESTAMPTZ  NOT NULL,
    expires_at  TIMESTAMPTZ  NOT NULL
);
CREATE INDEX email_verification_email ON email_verification (email, created_at);
CREATE INDEX email_verification_expires_at ON email_verification (expires_at);

-- Complaints (art. 77: every answer names the right to complain to the Autoriteit Persoonsgegevens).
CREATE TABLE complaint (
    id          UUID         PRIMARY KEY,
    channel     VARCHAR(10)  NOT NULL CHECK (channel IN ('LOGIN', 'EMAIL')),
    login_id    UUID,
    email       VARCHAR(254),
    request_id  UUID         REFERENCES dsr_request (id),
    text        TEXT         NOT NULL,
    status      VARCHAR(10)  NOT NULL CHECK (status IN ('RECEIVED', 'ANSWERED')),
    received_at TIMESTAMPTZ  NOT NULL,
    answer      TEXT,
    answered_by UUID,
    answered_at TIMESTAMPTZ,
    version     BIGINT       NOT NULL DEFAULT 0
);
CREATE INDEX complaint_status ON complaint (status, received_at);
CREATE INDEX complaint_login ON complaint (login_id);

-- The register of disclosures (art. 15(1)(c), 30): every disclosure a service published, and the
-- police claims the privacy officer recorded.
CREATE TABLE disclosure (
    id              UUID         PRIMARY KEY,
    kind            VARCHAR(20)  NOT NULL CHECK (kind IN ('SERVICE', 'POLICE_CLAIM')),
    service         VARCHAR(100) NOT NULL,
    subject_id      UUID         NOT NULL,
    recipient       VARCHAR(200) NOT NULL,
    categories      TEXT         NOT NULL,
    fields          TEXT         NOT NULL,
    basis           VARCHAR(300) NOT NULL,
    reference       VARCHAR(200) NOT NULL,
    disclosed_at    TIMESTAMPTZ  NOT NULL,
    recorded_by     UUID
);
CREATE INDEX disclosure_subject ON disclosure (subject_id, disclosed_at);
CREATE INDEX disclosure_disclosed_at ON disclosure (disclosed_at);

-- The catalogue each service published last: the register of processing is built from them.
CREATE TABLE service_catalogue (
    service     VARCHAR(100) PRIMARY KEY,
    catalogue   TEXT         NOT NULL,
    received_at TIMESTAMPTZ  NOT NULL
);

-- Every version of the privacy statement, generated from the register of processing.
CREATE TABLE statement_version (
    version      VARCHAR(20) PRIMARY KEY,
    published_at TIMESTAMPTZ NOT NULL,
    content      TEXT        NOT NULL,
    content_hash VARCHAR(64) NOT NULL
);
CREATE INDEX statement_version_published_at ON statement_version (published_at);

-- The tamper-evident history: every step of every request and complaint and every officer decision.
-- Each entry carries the SHA-256 of the one before; ids and codes only, no free text.
CREATE TABLE history_entry (
    seq           BIGINT       PRIMARY KEY,
    request_id    UUID,
    complaint_id  UUID,
    kind          VARCHAR(40)  NOT NULL,
    actor         VARCHAR(120) NOT NULL,
    details       TEXT         NOT NULL,
    recorded_at   TIMESTAMPTZ  NOT NULL,
    previous_hash VARCHAR(64)  NOT NULL,
    hash          VARCHAR(64)  NOT NULL
);
CREATE INDEX history_entry_request ON history_entry (request_id, seq);
CREATE INDEX history_entry_complaint ON history_entry (complaint_id, seq);
