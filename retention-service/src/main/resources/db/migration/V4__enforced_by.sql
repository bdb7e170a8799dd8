-- Who ends a category's retention: retention-service with purges, or its owner, which deletes it
-- itself as it expires (a mail queue, a download link): those get no purges.
ALTER TABLE retention_policy ADD COLUMN enforced_by text NOT NULL DEFAULT 'RETENTION_SERVICE'
    CHECK (enforced_by IN ('RETENTION_SERVICE', 'OWNER'));
