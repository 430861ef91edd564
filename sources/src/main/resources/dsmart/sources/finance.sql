-- Finance: invoices raised for orders. Money is DECIMAL(18,2); timestamps are UTC.
CREATE TABLE invoices (
  invoice_id    BIGINT        NOT NULL PRIMARY KEY,
  invoice_no    VARCHAR(32)   NOT NULL UNIQUE,
  order_id      BIGINT        NOT NULL,
  customer_id   BIGINT        NOT NULL,
  issued_on     DATE          NOT NULL,
  due_on        DATE          NOT NULL,
  amount        DECIMAL(18,2) NOT NULL,
  updated_at    TIMESTAMP     NOT NULL
);
