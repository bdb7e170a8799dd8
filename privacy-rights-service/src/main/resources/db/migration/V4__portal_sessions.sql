-- The privacy portal's sessions: the browser holds only a random value in an HttpOnly cookie; the
-- identity-service tokens it stands for stay here, encrypted (AES-GCM, PORTAL_SESSION_KEY).
CREATE TABLE portal_session (
    id_hash           bytea PRIMARY KEY,      -- SHA-256 of the cookie's value: a stolen table opens no session
    login_id          uuid NOT NULL,
    identity_session  uuid,                   -- the access token's sid: revoked there, ended here
    account_id        uuid,
    roles             text NOT NULL,          -- comma-separated, as the access token says
    tokens            bytea NOT NULL,         -- the access and the refresh token, encrypted
    access_expires_at timestamptz NOT NULL,
    created_at        timestamptz NOT NULL,
    last_seen_at      timestamptz NOT NULL,
    expires_at        timestamptz NOT NULL    -- when the refresh token ends: no session outlives it
);
CREATE INDEX portal_session_login ON portal_session (login_id);
CREATE INDEX portal_session_expires ON portal_session (expires_at);
