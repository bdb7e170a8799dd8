-- Support may re-open a closed account within its grace period; that is recorded like a lock.
ALTER TABLE account_access DROP CONSTRAINT account_access_action_check;
ALTER TABLE account_access ADD CONSTRAINT account_access_action_check
    CHECK (action IN ('SEARCH', 'VIEW', 'LOCK', 'UNLOCK', 'REOPEN'));
