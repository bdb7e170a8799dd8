-- Hardening of logins, tokens and mail (see identity-service/README.md).

-- Login attempts are reserved before the password is hashed ('PENDING'), so that parallel attempts
-- count against the throttle; password confirmations outside login count in the same history.
ALTER TABLE login_attempt DROP CONSTRAINT login_attempt_outcome_check;
ALTER TABLE login_attempt ADD CONSTRAINT login_attempt_outcome_check
    CHECK (outcome IN ('PENDING', 'SUCCESS', 'FAILURE', 'THROTTLED', 'REGISTERED'));
ALTER TABLE login_attempt ADD COLUMN purpose VARCHAR(12) NOT NULL DEFAULT 'LOGIN'
    CHECK (purpose IN ('LOGIN', 'CONFIRMATION'));
-- What one client counts as: an IPv4 address or an IPv6 /64.
ALTER TABLE login_attempt ADD COLUMN throttle_key VARCHAR(45);
UPDATE login_attempt SET throttle_key = ip;
ALTER TABLE login_attempt ALTER COLUMN throttle_key SET NOT NULL;
DROP INDEX login_attempt_ip;
CREATE INDEX login_attempt_throttle_key ON login_attempt (throttle_key, occurred_at);
-- email_hash is now an HMAC keyed with a server secret; earlier rows keep their plain SHA-256 and
-- simply stop matching (they only fed the throttle's last hour).

-- Password reset links.
ALTER TABLE one_time_token DROP CONSTRAINT one_time_token_purpose_check;
ALTER TABLE one_time_token ADD CONSTRAINT one_time_token_purpose_check
    CHECK (purpose IN ('VERIFY_EMAIL', 'CHANGE_EMAIL', 'ACTIVATE', 'RESET_PASSWORD'));

-- Housekeeping deletes spent and expired tokens and ended sessions by age.
CREATE INDEX refresh_token_expires_at ON refresh_token (expires_at);
CREATE INDEX session_expires_at ON session (expires_at);
CREATE INDEX one_time_token_expires_at ON one_time_token (expires_at);
-- Unconfirmed registrations expire after 48 hours.
CREATE INDEX credential_unverified ON credential (created_at) WHERE NOT email_verified;

-- Mail moved into the platform's mail outbox (db/platform V0_2); queued mail moves with it.
INSERT INTO mail_outbox (recipient, subject, body, created_at, attempts, next_attempt_at)
SELECT recipient, subject, body, created_at, 0, now() FROM outgoing_mail;
DROP TABLE outgoing_mail;
