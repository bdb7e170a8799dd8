-- Payments of orders through a provider (iDEAL through Mollie, PayPal), and what happened to each.
-- Kept: the provider, its reference, the method and a masked account - never a full IBAN or card number.

ALTER TABLE customer_order DROP CONSTRAINT customer_order_status_check;
ALTER TABLE customer_order ADD CONSTRAINT customer_order_status_check CHECK (status IN ('PLACED', 'PAID'));
ALTER TABLE customer_order ADD COLUMN paid_at timestamptz;

CREATE TABLE payment (
    id                  uuid PRIMARY KEY,
    account_id          uuid NOT NULL,
    order_id            uuid NOT NULL REFERENCES customer_order (id),
    provider            text NOT NULL CHECK (provider IN ('MOLLIE', 'PAYPAL')),
    method              text NOT NULL CHECK (method IN ('IDEAL', 'PAYPAL')),
    -- the provider's id of the payment (Mollie tr_..., PayPal order id); null until the provider answered
    provider_reference  text,
    status              text NOT NULL CHECK (status IN ('OPEN', 'PENDING', 'PAID', 'FAILED', 'CANCELED', 'EXPIRED', 'UNKNOWN')),
    amount_cents        bigint NOT NULL CHECK (amount_cents > 0),
    checkout_url        text,
    -- e.g. NL** **** **** **12 34: enough to recognise the account, never enough to use it
    masked_account      text CHECK (masked_account IS NULL OR masked_account !~ '[0-9]{5}'),
    created_at          timestamptz NOT NULL,
    updated_at          timestamptz NOT NULL,
    paid_at             timestamptz,
    -- when the provider is asked again about a payment that is not final (a webhook may never come)
    next_check_at       timestamptz,
    checks              int NOT NULL DEFAULT 0,
    UNIQUE (provider, provider_reference)
);
CREATE INDEX payment_account ON payment (account_id, created_at DESC);
CREATE INDEX payment_order ON payment (order_id);
CREATE INDEX payment_due_check ON payment (next_check_at) WHERE next_check_at IS NOT NULL;

-- Every change of a payment's status, and why: the payment's transactions.
CREATE TABLE payment_transaction (
    id              uuid PRIMARY KEY,
    payment_id      uuid NOT NULL REFERENCES payment (id) ON DELETE CASCADE,
    at              timestamptz NOT NULL,
    from_status     text NOT NULL,
    to_status       text NOT NULL,
    -- what told us: WEBHOOK, CHECK (our own question to the provider), CAPTURE, START
    source          text NOT NULL,
    detail          text
);
CREATE INDEX payment_transaction_payment ON payment_transaction (payment_id, at);

-- Signed webhooks already handled, by the provider's event id: a replay changes nothing.
CREATE TABLE payment_webhook (
    provider     text NOT NULL,
    event_id     text NOT NULL,
    received_at  timestamptz NOT NULL,
    PRIMARY KEY (provider, event_id)
);
CREATE INDEX payment_webhook_received ON payment_webhook (received_at);
