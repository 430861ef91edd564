-- Order system: products, contracts, orders and their lines, credit-limit overrides, production, quality
-- inspection, shipping and returns. Money is DECIMAL(18,2); timestamps are UTC wall-clock values; DATE
-- columns are business dates. customer_id, rep_id and proposal_id refer to the CRM, terms_code to finance
-- (other databases: no foreign key). See docs/sources.md.

CREATE TABLE products (
  product_id    BIGINT        NOT NULL PRIMARY KEY,
  product_name  VARCHAR(100)  NOT NULL,
  category      VARCHAR(40)   NOT NULL,
  unit_cost     DECIMAL(18,2) NOT NULL,
  list_price    DECIMAL(18,2) NOT NULL,
  updated_at    TIMESTAMP     NOT NULL,
  requires_production BOOLEAN NOT NULL,
  active        BOOLEAN       NOT NULL
);
-- Contracts (P-3.2, P-5.3): drafted, reviewed by legal, signed by both sides, copied to finance/logistics/production, archived.
CREATE TABLE contracts (
  contract_id   BIGINT        NOT NULL PRIMARY KEY,
  contract_no   VARCHAR(32)   NOT NULL UNIQUE,
  customer_id   BIGINT        NOT NULL,
  rep_id        BIGINT        NOT NULL,
  proposal_id   BIGINT,
  contract_type VARCHAR(16)   NOT NULL,
  amount        DECIMAL(18,2) NOT NULL,
  terms_code    VARCHAR(16)   NOT NULL,
  drafted_at    TIMESTAMP     NOT NULL,
  legal_reviewed_at TIMESTAMP,
  legal_reviewer VARCHAR(40),
  signed_at     TIMESTAMP,
  customer_signatory VARCHAR(40),
  company_signatory VARCHAR(40),
  copies_sent_at TIMESTAMP,
  archived      BOOLEAN       NOT NULL,
  archived_at   TIMESTAMP,
  status        VARCHAR(16)   NOT NULL,
  updated_at    TIMESTAMP     NOT NULL
);
-- Orders (P-3.3). status: confirmed (a valid sale) or cancelled; returns are separate rows (order_returns).
-- order_no is SO<yyyymm of ordered_at in business time><7-digit company-wide sequence>.
-- credit_limit/credit_exposure/credit_status are the credit check the order system made when accepting it.
CREATE TABLE orders (
  order_id      BIGINT        NOT NULL PRIMARY KEY,
  order_no      VARCHAR(32)   NOT NULL UNIQUE,
  customer_id   BIGINT        NOT NULL,
  rep_id        BIGINT        NOT NULL,
  channel       VARCHAR(16)   NOT NULL,
  ordered_at    TIMESTAMP     NOT NULL,
  status        VARCHAR(16)   NOT NULL,
  amount        DECIMAL(18,2) NOT NULL,
  updated_at    TIMESTAMP     NOT NULL,
  contract_id   BIGINT,
  terms_code    VARCHAR(16)   NOT NULL,
  discount_amount DECIMAL(18,2) NOT NULL,
  delivery_promised_on DATE   NOT NULL,
  credit_limit  DECIMAL(18,2) NOT NULL,
  credit_exposure DECIMAL(18,2) NOT NULL,
  credit_status VARCHAR(16)   NOT NULL,
  cancelled_at  TIMESTAMP,
  FOREIGN KEY (contract_id) REFERENCES contracts (contract_id)
);
CREATE TABLE order_lines (
  order_id      BIGINT        NOT NULL,
  line_no       INT           NOT NULL,
  product_id    BIGINT        NOT NULL,
  quantity      INT           NOT NULL,
  unit_price    DECIMAL(18,2) NOT NULL,
  discount      DECIMAL(18,2) NOT NULL,
  line_amount   DECIMAL(18,2) NOT NULL,
  updated_at    TIMESTAMP     NOT NULL,
  PRIMARY KEY (order_id, line_no),
  FOREIGN KEY (order_id) REFERENCES orders (order_id),
  FOREIGN KEY (product_id) REFERENCES products (product_id)
);
-- An order accepted over the customer's credit limit needs an approved override (P-5.2); decision approved/rejected.
CREATE TABLE credit_overrides (
  override_id   BIGINT        NOT NULL PRIMARY KEY,
  order_id      BIGINT        NOT NULL,
  customer_id   BIGINT        NOT NULL,
  requested_by_rep_id BIGINT  NOT NULL,
  requested_at  TIMESTAMP     NOT NULL,
  credit_limit  DECIMAL(18,2) NOT NULL,
  exposure      DECIMAL(18,2) NOT NULL,
  order_amount  DECIMAL(18,2) NOT NULL,
  decision      VARCHAR(16)   NOT NULL,
  approver      VARCHAR(40),
  approved_at   TIMESTAMP,
  updated_at    TIMESTAMP     NOT NULL,
  FOREIGN KEY (order_id) REFERENCES orders (order_id)
);
-- Production scheduled for order lines of made-to-order products.
CREATE TABLE production_orders (
  production_order_id BIGINT  NOT NULL PRIMARY KEY,
  order_id      BIGINT        NOT NULL,
  line_no       INT           NOT NULL,
  product_id    BIGINT        NOT NULL,
  quantity      INT           NOT NULL,
  scheduled_on  DATE          NOT NULL,
  started_at    TIMESTAMP,
  completed_at  TIMESTAMP,
  status        VARCHAR(16)   NOT NULL,
  updated_at    TIMESTAMP     NOT NULL,
  FOREIGN KEY (order_id, line_no) REFERENCES order_lines (order_id, line_no),
  FOREIGN KEY (product_id) REFERENCES products (product_id)
);
-- Quality inspection of an order's goods before shipping (inspection_result passed/failed; a failed one is redone).
CREATE TABLE quality_inspections (
  inspection_id BIGINT        NOT NULL PRIMARY KEY,
  order_id      BIGINT        NOT NULL,
  production_order_id BIGINT,
  inspected_at  TIMESTAMP     NOT NULL,
  inspector     VARCHAR(40)   NOT NULL,
  inspection_result VARCHAR(16) NOT NULL,
  defects       INT           NOT NULL,
  note          VARCHAR(200),
  updated_at    TIMESTAMP     NOT NULL,
  FOREIGN KEY (order_id) REFERENCES orders (order_id),
  FOREIGN KEY (production_order_id) REFERENCES production_orders (production_order_id)
);
-- Shipments: tracking_sent_at is when the tracking number went to the customer (and sales).
CREATE TABLE shipments (
  shipment_id   BIGINT        NOT NULL PRIMARY KEY,
  order_id      BIGINT        NOT NULL,
  carrier       VARCHAR(40)   NOT NULL,
  tracking_no   VARCHAR(40),
  shipped_at    TIMESTAMP     NOT NULL,
  tracking_sent_at TIMESTAMP,
  delivered_at  TIMESTAMP,
  status        VARCHAR(16)   NOT NULL,
  updated_at    TIMESTAMP     NOT NULL,
  FOREIGN KEY (order_id) REFERENCES orders (order_id)
);
-- Returns of delivered goods; the original order stays confirmed. status requested or received; the credit note is in finance.
CREATE TABLE order_returns (
  return_id     BIGINT        NOT NULL PRIMARY KEY,
  return_no     VARCHAR(32)   NOT NULL UNIQUE,
  order_id      BIGINT        NOT NULL,
  customer_id   BIGINT        NOT NULL,
  requested_at  TIMESTAMP     NOT NULL,
  received_at   TIMESTAMP,
  reason        VARCHAR(100)  NOT NULL,
  amount        DECIMAL(18,2) NOT NULL,
  status        VARCHAR(16)   NOT NULL,
  updated_at    TIMESTAMP     NOT NULL,
  FOREIGN KEY (order_id) REFERENCES orders (order_id)
);
CREATE TABLE order_return_lines (
  return_id     BIGINT        NOT NULL,
  line_no       INT           NOT NULL,
  order_id      BIGINT        NOT NULL,
  order_line_no INT           NOT NULL,
  product_id    BIGINT        NOT NULL,
  quantity      INT           NOT NULL,
  amount        DECIMAL(18,2) NOT NULL,
  updated_at    TIMESTAMP     NOT NULL,
  PRIMARY KEY (return_id, line_no),
  FOREIGN KEY (return_id) REFERENCES order_returns (return_id),
  FOREIGN KEY (order_id, order_line_no) REFERENCES order_lines (order_id, line_no),
  FOREIGN KEY (product_id) REFERENCES products (product_id)
);
CREATE INDEX ix_products_updated_at ON products (updated_at);
CREATE INDEX ix_contracts_updated_at ON contracts (updated_at);
CREATE INDEX ix_orders_updated_at ON orders (updated_at);
CREATE INDEX ix_order_lines_updated_at ON order_lines (updated_at);
CREATE INDEX ix_credit_overrides_updated_at ON credit_overrides (updated_at);
CREATE INDEX ix_production_orders_updated_at ON production_orders (updated_at);
CREATE INDEX ix_quality_inspections_updated_at ON quality_inspections (updated_at);
CREATE INDEX ix_shipments_updated_at ON shipments (updated_at);
CREATE INDEX ix_order_returns_updated_at ON order_returns (updated_at);
CREATE INDEX ix_order_return_lines_updated_at ON order_return_lines (updated_at);
