-- identity-service: accounts, logins, sessions, login history, consent proof, staff, applications.

-- A customer account: the contract holder's profile. Its id is also the owner's login id.
CREATE TABLE account (
    id                    UUID PRIMARY KEY,
    first_name            VARCHAR(100) NOT NULL,
    last_name             VARCHAR(100) NOT NULL,
    street                VARCHAR(200) NOT NULL,
    postal_code           VARCHAR(16)  NOT NULL,
    city                  VARCHAR(100) NOT NULL,
    country               VARCHAR(2)      NOT NULL,
    phone                 VARCHAR(16),
    company_name          VARCHAR(200),
    company_street        VARCHAR(200),
    company_postal_code   VARCHAR(16),
    company_city          VARCHAR(100),
    company_country       VARCHAR(2),
    company_vat_id        VARCHAR(20),
    company_kvk_number    VARCHAR(8),
    newsletter_subscribed BOOLEAN      NOT NULL DEFAULT false,
    status                VARCHAR(10)  NOT NULL CHECK (status IN ('ACTIVE', 'LOCKED', 'CLOSED')),
    created_at            TIMESTAMPTZ  NOT NULL,
    updated_at            TIMESTAMPTZ  NOT NULL,
    closed_at             TIMESTAMPTZ,
    version               BIGINT       NOT NULL DEFAULT 0
);

-- Who can log in: an account's owner, a member the owner shares the account with, or staff.
CREATE TABLE credential (
    id             UUID PRIMARY KEY,
    kind           VARCHAR(10)  NOT NULL CHECK (kind IN ('OWNER', 'MEMBER', 'STAFF')),
    account_id     UUID REFERENCES account (id),
    email          VARCHAR(254) NOT NULL,
    email_verified BOOLEAN      NOT NULL DEFAULT false,
    password_hash  VARCHAR(200),
    first_name     VARCHAR(100),
    last_name      VARCHAR(100),
    roles          VARCHAR(200),
    status         VARCHAR(10)  NOT NULL CHECK (status IN ('PENDING', 'ACTIVE', 'LOCKED', 'REVOKED', 'CLOSED')),
    created_at     TIMESTAMPTZ  NOT NULL,
    updated_at     TIMESTAMPTZ  NOT NULL,
    version        BIGINT       NOT NULL DEFAULT 0,
    CHECK ((kind = 'STAFF') = (account_id IS NULL))
);
-- One live login per address; closed and revoked logins free it.
CREATE UNIQUE INDEX credential_email_live ON credential (email) WHERE status NOT IN ('REVOKED', 'CLOSED');
CREATE INDEX credential_account ON credential (account_id);

-- A login session = one refresh-token family. Revoking it ends every token of the family.
CREATE TABLE session (
    id             UUID PRIMARY KEY,
    credential_id  UUID        NOT NULL REFERENCES credential (id),
    created_at     TIMESTAMPTZ NOT NULL,
    expires_at     TIMESTAMPTZ NOT NULL,
    revoked_at     TIMESTAMPTZ,
    revoked_reason VARCHAR(30)
);
CREATE INDEX session_credential ON session (credential_id) WHERE revoked_at IS NULL;

-- Refresh tokens are stored only as SHA-256 hashes; each is spent on first use.
CREATE TABLE refresh_token (
    token_hash VARCHAR(64) PRIMARY KEY,
    session_id UUID        NOT NULL REFERENCES session (id) ON DELETE CASCADE,
    issued_at  TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    spent_at   TIMESTAMPTZ
);
CREATE INDEX refresh_token_session ON refresh_token (session_id);

-- Every login attempt (kept 90 days): protects accounts against access from elsewhere.
CREATE TABLE login_attempt (
    id               UUID PRIMARY KEY,
    occurred_at      TIMESTAMPTZ  NOT NULL,
    email_hash       VARCHAR(64)     NOT NULL,
    credential_id    UUID REFERENCES credential (id),
    ip               VARCHAR(45)  NOT NULL,
    network          VARCHAR(49)  NOT NULL,
    user_agent       VARCHAR(300),
    outcome          VARCHAR(12)  NOT NULL CHECK (outcome IN ('SUCCESS', 'FAILURE', 'THROTTLED', 'REGISTERED')),
    password_checked BOOLEAN      NOT NULL,
    new_location     BOOLEAN      NOT NULL DEFAULT false
);
CREATE INDEX login_attempt_email ON login_attempt (email_hash, occurred_at);
CREATE INDEX login_attempt_ip ON login_attempt (ip, occurred_at);
CREATE INDEX login_attempt_credential ON login_attempt (credential_id, occurred_at);
CREATE INDEX login_attempt_network ON login_attempt (credential_id, network, occurred_at);

-- One-time tokens mailed to people (verify e-mail, activate a login); stored as hashes.
CREATE TABLE one_time_token (
    token_hash    VARCHAR(64) PRIMARY KEY,
    purpose       VARCHAR(20)  NOT NULL CHECK (purpose IN ('VERIFY_EMAIL', 'CHANGE_EMAIL', 'ACTIVATE')),
    credential_id UUID         NOT NULL REFERENCES credential (id),
    new_email     VARCHAR(254),
    created_at    TIMESTAMPTZ  NOT NULL,
    expires_at    TIMESTAMPTZ  NOT NULL,
    used_at       TIMESTAMPTZ
);
CREATE INDEX one_time_token_credential ON one_time_token (credential_id);

-- Proof of newsletter consent: every opt-in and opt-out, when, how, under which privacy notice.
CREATE TABLE newsletter_consent (
    id                     UUID PRIMARY KEY,
    account_id             UUID        NOT NULL REFERENCES account (id),
    subscribed             BOOLEAN     NOT NULL,
    changed_at             TIMESTAMPTZ NOT NULL,
    method                 VARCHAR(20) NOT NULL,
    privacy_notice_version VARCHAR(20) NOT NULL
);
CREATE INDEX newsletter_consent_account ON newsletter_consent (account_id, changed_at);

-- Who on the staff looked at or changed which account, when and why.
CREATE TABLE account_access (
    id          UUID PRIMARY KEY,
    account_id  UUID         NOT NULL REFERENCES account (id),
    staff_id    UUID         NOT NULL REFERENCES credential (id),
    action      VARCHAR(10)  NOT NULL CHECK (action IN ('SEARCH', 'VIEW', 'LOCK', 'UNLOCK')),
    reason      VARCHAR(500) NOT NULL,
    occurred_at TIMESTAMPTZ  NOT NULL
);
CREATE INDEX account_access_account ON account_access (account_id, occurred_at);

-- Job applications and their CVs.
CREATE TABLE job_application (
    id                   UUID PRIMARY KEY,
    first_name           VARCHAR(100)  NOT NULL,
    last_name            VARCHAR(100)  NOT NULL,
    email                VARCHAR(254)  NOT NULL,
    vacancy              VARCHAR(100)  NOT NULL,
    motivation           TEXT          NOT NULL,
    portfolio_url        VARCHAR(500),
    keep_on_file_consent BOOLEAN       NOT NULL,
    status               VARCHAR(10)   NOT NULL CHECK (status IN ('SUBMITTED', 'HIRED', 'REJECTED')),
    submitted_at         TIMESTAMPTZ   NOT NULL,
    decided_at           TIMESTAMPTZ,
    decided_by           UUID REFERENCES credential (id),
    retain_until         TIMESTAMPTZ,
    cv_file_name         VARCHAR(200)  NOT NULL,
    cv_size              INTEGER       NOT NULL,
    version              BIGINT        NOT NULL DEFAULT 0
);
CREATE INDEX job_application_status ON job_application (status, submitted_at);

CREATE TABLE job_application_cv (
    application_id UUID PRIMARY KEY REFERENCES job_application (id) ON DELETE CASCADE,
    content        BYTEA NOT NULL
);

-- Mail waits here until the SMTP server took it (same idea as the event outbox); the row goes
-- once sent, since bodies carry one-time links.
CREATE TABLE outgoing_mail (
    id         BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    recipient  VARCHAR(254)  NOT NULL,
    subject    VARCHAR(200)  NOT NULL,
    body       TEXT          NOT NULL,
    created_at TIMESTAMPTZ   NOT NULL,
    attempts   INTEGER       NOT NULL DEFAULT 0,
    last_error VARCHAR(500)
);
