-- Invoices and credit notes (Wet OB 1968 art. 35a). Once issued they are never changed: the
-- triggers below make the database itself refuse it, for the service's own login too. A correction
-- is a credit note - a document of its own series that refers to the invoice it corrects.

CREATE TABLE invoice (
    id                   uuid PRIMARY KEY,
    kind                 text NOT NULL CHECK (kind IN ('INVOICE', 'CREDIT_NOTE')),
    -- the series (e.g. '2026' for invoices, 'C2026' for credit notes) and the place in it: 1, 2, 3 ...
    series               text NOT NULL,
    sequence             bigint NOT NULL CHECK (sequence > 0),
    number               text NOT NULL UNIQUE,
    account_id           uuid NOT NULL,
    order_id             uuid NOT NULL REFERENCES customer_order (id),
    order_number         text NOT NULL,
    -- for a credit note: the invoice it corrects, and why
    corrects_invoice_id  uuid REFERENCES invoice (id),
    corrects_number      text,
    credit_reason        text,
    issued_at            timestamptz NOT NULL,
    issue_date           date NOT NULL,
    supply_date          date NOT NULL,
    due_date             date NOT NULL,
    fiscal_year_end      date NOT NULL,
    -- the seller as configured, and the buyer as identity-service knew them, at issuing
    seller_name          text NOT NULL,
    seller_street        text NOT NULL,
    seller_postal_code   text NOT NULL,
    seller_city          text NOT NULL,
    seller_country       text NOT NULL,
    seller_vat_id        text NOT NULL,
    seller_kvk_number    text NOT NULL,
    seller_iban          text NOT NULL,
    buyer_name           text NOT NULL,
    buyer_street         text NOT NULL,
    buyer_postal_code    text NOT NULL,
    buyer_city           text NOT NULL,
    buyer_country        text NOT NULL,
    buyer_company        text,
    buyer_vat_id         text,
    buyer_kvk_number     text,
    -- EU business customer with a checked VAT id: "btw verlegd" (art. 12(3) Wet OB 1968)
    reverse_charge       boolean NOT NULL,
    vat_check_reference  text,
    net_cents            bigint NOT NULL,
    vat_cents            bigint NOT NULL,
    gross_cents          bigint NOT NULL,
    UNIQUE (series, sequence),
    CHECK ((kind = 'CREDIT_NOTE') = (corrects_invoice_id IS NOT NULL)),
    CHECK (NOT reverse_charge OR buyer_vat_id IS NOT NULL)
);
-- one invoice per order; credit notes as many as corrections need
CREATE UNIQUE INDEX invoice_one_per_order ON invoice (order_id) WHERE kind = 'INVOICE';
CREATE INDEX invoice_account ON invoice (account_id, issued_at DESC);
CREATE INDEX invoice_corrects ON invoice (corrects_invoice_id) WHERE corrects_invoice_id IS NOT NULL;

CREATE TABLE invoice_line (
    invoice_id       uuid NOT NULL REFERENCES invoice (id),
    position         int NOT NULL,
    description      text NOT NULL,
    quantity         int NOT NULL CHECK (quantity > 0),
    unit_price_cents bigint NOT NULL,
    vat_rate         text NOT NULL CHECK (vat_rate IN ('STANDARD', 'REDUCED', 'ZERO', 'EXEMPT', 'REVERSE_CHARGE')),
    net_cents        bigint NOT NULL,
    -- on a credit note: the line (position) of the corrected invoice this one takes back
    corrects_position int,
    PRIMARY KEY (invoice_id, position)
);

-- per rate: the net total and the VAT on it, rounded half up per rate total
CREATE TABLE invoice_vat (
    invoice_id  uuid NOT NULL REFERENCES invoice (id),
    vat_rate    text NOT NULL,
    percent     int NOT NULL,
    net_cents   bigint NOT NULL,
    vat_cents   bigint NOT NULL,
    PRIMARY KEY (invoice_id, vat_rate)
);

-- The PDF and UBL documents exactly as issued, with their SHA-256.
CREATE TABLE invoice_document (
    invoice_id    uuid NOT NULL REFERENCES invoice (id),
    format        text NOT NULL CHECK (format IN ('PDF', 'UBL')),
    content       bytea NOT NULL,
    sha256        text NOT NULL,
    created_at    timestamptz NOT NULL,
    PRIMARY KEY (invoice_id, format)
);

-- Issued means final. A row may only go once the 7 years after the end of its fiscal year
-- (AWR art. 52) are over - the retention purge's delete.
CREATE FUNCTION refuse_invoice_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    year_end date;
BEGIN
    IF TG_OP = 'DELETE' THEN
        IF TG_TABLE_NAME = 'invoice' THEN
            year_end := OLD.fiscal_year_end;
        ELSE
            SELECT fiscal_year_end INTO year_end FROM invoice WHERE id = OLD.invoice_id;
        END IF;
        IF year_end IS NULL OR year_end + interval '7 years' < current_date THEN
            RETURN OLD;
        END IF;
        RAISE EXCEPTION 'issued invoices are kept until 7 years after the end of their fiscal year (AWR art. 52): % of % may not be deleted before %',
            TG_TABLE_NAME, year_end, year_end + interval '7 years' + interval '1 day'
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RAISE EXCEPTION 'issued invoices cannot be changed (Wet OB 1968 art. 35a): correct one with a credit note'
        USING ERRCODE = 'integrity_constraint_violation';
END;
$$;

CREATE TRIGGER invoice_is_final BEFORE UPDATE OR DELETE ON invoice
    FOR EACH ROW EXECUTE FUNCTION refuse_invoice_change();
CREATE TRIGGER invoice_line_is_final BEFORE UPDATE OR DELETE ON invoice_line
    FOR EACH ROW EXECUTE FUNCTION refuse_invoice_change();
CREATE TRIGGER invoice_vat_is_final BEFORE UPDATE OR DELETE ON invoice_vat
    FOR EACH ROW EXECUTE FUNCTION refuse_invoice_change();
CREATE TRIGGER invoice_document_is_final BEFORE UPDATE OR DELETE ON invoice_document
    FOR EACH ROW EXECUTE FUNCTION refuse_invoice_change();

CREATE FUNCTION refuse_invoice_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'issued invoices cannot be truncated away' USING ERRCODE = 'integrity_constraint_violation';
END;
$$;
CREATE TRIGGER invoice_no_truncate BEFORE TRUNCATE ON invoice
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_invoice_truncate();
CREATE TRIGGER invoice_line_no_truncate BEFORE TRUNCATE ON invoice_line
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_invoice_truncate();
CREATE TRIGGER invoice_document_no_truncate BEFORE TRUNCATE ON invoice_document
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_invoice_truncate();
