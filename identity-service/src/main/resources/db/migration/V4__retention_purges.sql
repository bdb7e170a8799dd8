-- Purges by cut-off (retention-service: login history older than 90 days) read the oldest rows
-- first, batch by batch; without this index every batch would scan the whole table.
CREATE INDEX login_attempt_occurred_at ON login_attempt (occurred_at);
