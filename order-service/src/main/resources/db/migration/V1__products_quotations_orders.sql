-- Products an admin manages, and the quotations and orders customers make of them.
-- Amounts are euro cents; a line keeps the price and VAT rate it was made with.

CREATE TABLE product (
    id               uuid PRIMARY KEY,
    sku              text NOT NULL UNIQUE,
    name             text NOT NULL,
    kind             text NOT NULL CHECK (kind IN ('HOSTING', 'DOMAIN', 'SSL_CERTIFICATE')),
    unit_price_cents bigint NOT NULL CHECK (unit_price_cents >= 0),
    vat_rate         text NOT NULL CHECK (vat_rate IN ('STANDARD', 'REDUCED', 'ZERO', 'EXEMPT')),
    active           boolean NOT NULL DEFAULT true,
    updated_at       timestamptz NOT NULL
);

-- One counter per series (e.g. Q2026, O2026): the next number is taken inside the transaction that
-- uses it, so a rolled-back transaction gives its number back and the series has no gap.
CREATE TABLE number_series (
    series      text PRIMARY KEY,
    last_number bigint NOT NULL
);

CREATE TABLE quotation (
    id            uuid PRIMARY KEY,
    number        text NOT NULL UNIQUE,
    account_id    uuid NOT NULL,
    created_by    uuid NOT NULL,
    status        text NOT NULL CHECK (status IN ('OPEN', 'ACCEPTED')),
    created_at    timestamptz NOT NULL,
    valid_until   date NOT NULL,
    net_cents     bigint NOT NULL,
    vat_cents     bigint NOT NULL,
    gross_cents   bigint NOT NULL,
    order_id      uuid UNIQUE,
    accepted_at   timestamptz
);
CREATE INDEX quotation_account ON quotation (account_id, created_at DESC);

CREATE TABLE quotation_line (
    quotation_id     uuid NOT NULL REFERENCES quotation (id) ON DELETE CASCADE,
    position         int NOT NULL,
    product_id       uuid NOT NULL REFERENCES product (id),
    description      text NOT NULL,
    quantity         int NOT NULL CHECK (quantity > 0),
    unit_price_cents bigint NOT NULL,
    vat_rate         text NOT NULL,
    net_cents        bigint NOT NULL,
    PRIMARY KEY (quotation_id, position)
);

CREATE TABLE customer_order (
    id           uuid PRIMARY KEY,
    number       text NOT NULL UNIQUE,
    account_id   uuid NOT NULL,
    placed_by    uuid NOT NULL,
    quotation_id uuid UNIQUE REFERENCES quotation (id),
    status       text NOT NULL CHECK (status IN ('PLACED')),
    placed_at    timestamptz NOT NULL,
    net_cents    bigint NOT NULL,
    vat_cents    bigint NOT NULL,
    gross_cents  bigint NOT NULL
);
CREATE INDEX customer_order_account ON customer_order (account_id, placed_at DESC);

CREATE TABLE order_line (
    order_id         uuid NOT NULL REFERENCES customer_order (id) ON DELETE CASCADE,
    position         int NOT NULL,
    product_id       uuid NOT NULL REFERENCES product (id),
    description      text NOT NULL,
    quantity         int NOT NULL CHECK (quantity > 0),
    unit_price_cents bigint NOT NULL,
    vat_rate         text NOT NULL,
    net_cents        bigint NOT NULL,
    PRIMARY KEY (order_id, position)
);

-- Create requests sent with an Idempotency-Key: the same key and body give the same resource.
CREATE TABLE idempotent_request (
    account_id   uuid NOT NULL,
    operation    text NOT NULL,
    request_key  text NOT NULL,
    request_hash text NOT NULL,
    resource_id  uuid,
    created_at   timestamptz NOT NULL,
    PRIMARY KEY (account_id, operation, request_key)
);
CREATE INDEX idempotent_request_created ON idempotent_request (created_at);
