-- retention-service's rolling rules: requests and complaints are minimised 2 years after they closed
-- (the free text the person wrote goes when the case closes), disclosures deleted after 5 years.
-- anonymised_at marks a minimised case, so a purge reads only the ones still to do.
ALTER TABLE dsr_request ADD COLUMN anonymised_at TIMESTAMPTZ;
ALTER TABLE complaint ADD COLUMN anonymised_at TIMESTAMPTZ;
CREATE INDEX dsr_request_closed ON dsr_request (completed_at) WHERE anonymised_at IS NULL;
CREATE INDEX complaint_answered ON complaint (answered_at) WHERE anonymised_at IS NULL;
