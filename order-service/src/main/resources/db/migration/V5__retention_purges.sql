-- retention-service's rolling rules read the oldest payments and orders first, batch by batch, and
-- keep an order while an invoice still refers to it; without these each batch would scan the tables.
CREATE INDEX payment_created ON payment (created_at);
CREATE INDEX customer_order_placed ON customer_order (placed_at);
CREATE INDEX invoice_order ON invoice (order_id);
