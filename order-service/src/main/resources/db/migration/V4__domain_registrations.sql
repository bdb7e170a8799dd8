-- Domains registered as part of an order, what their registrant contact told the registry, and
-- which accounts asked to restrict processing (GDPR art. 18).

ALTER TABLE quotation_line ADD COLUMN domain text;
ALTER TABLE order_line ADD COLUMN domain text;

CREATE TABLE domain_registration (
    id                   uuid PRIMARY KEY,
    account_id           uuid NOT NULL,
    order_id             uuid NOT NULL REFERENCES customer_order (id),
    domain               text NOT NULL,
    -- REQUESTED: to be sent; REGISTERED; REFUSED: the registry said no (e.g. taken); ON_HOLD: processing restricted
    status               text NOT NULL CHECK (status IN ('REQUESTED', 'REGISTERED', 'REFUSED', 'ON_HOLD')),
    registrar_reference  text,
    registry             text,
    registrant_type      text CHECK (registrant_type IN ('PERSON', 'BUSINESS')),
    -- what the registry's public Whois shows of the registrant: field names, never values
    whois_published      boolean,
    whois_fields         text,
    requested_at         timestamptz NOT NULL,
    registered_at        timestamptz,
    updated_at           timestamptz NOT NULL,
    detail               text,
    attempts             int NOT NULL DEFAULT 0,
    next_attempt_at      timestamptz,
    -- the registrant contact must be sent again (rectified, art. 19) or removed (erased, art. 17(2))
    contact_update_due   boolean NOT NULL DEFAULT false,
    contact_erase_due    boolean NOT NULL DEFAULT false,
    contact_erased_at    timestamptz,
    UNIQUE (order_id, domain)
);
CREATE INDEX domain_registration_account ON domain_registration (account_id);
CREATE INDEX domain_registration_due ON domain_registration (next_attempt_at) WHERE next_attempt_at IS NOT NULL;

CREATE TABLE processing_restriction (
    account_id     uuid PRIMARY KEY,
    restricted_at  timestamptz NOT NULL
);
