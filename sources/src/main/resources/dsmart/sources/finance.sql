-- Finance: payment terms, credit assessments and limits, invoices, credit notes, receipts and their
-- allocation, collection actions, bad-debt write-offs and sales expenses. Money is DECIMAL(18,2);
-- timestamps are UTC wall-clock values; DATE columns are business dates. customer_id and rep_id refer to
-- the CRM, order_id and return_id to the order system (other databases: no foreign key).

CREATE TABLE payment_terms (
  terms_code    VARCHAR(16)   NOT NULL PRIMARY KEY,
  description   VARCHAR(100)  NOT NULL,
  net_days      INT           NOT NULL,
  prepayment    BOOLEAN       NOT NULL,
  updated_at    TIMESTAMP     NOT NULL
);
-- Credit assessment before dealing (P-5.2): operations, finances, credit record; grade A (best) .. D.
CREATE TABLE credit_assessments (
  assessment_id BIGINT        NOT NULL PRIMARY KEY,
  customer_id   BIGINT        NOT NULL,
  assessed_on   DATE          NOT NULL,
  grade         VARCHAR(4)    NOT NULL,
  score         INT           NOT NULL,
  operations_note VARCHAR(200) NOT NULL,
  financial_note VARCHAR(200) NOT NULL,
  credit_record_note VARCHAR(200) NOT NULL,
  assessor      VARCHAR(40)   NOT NULL,
  updated_at    TIMESTAMP     NOT NULL
);
-- Effective-dated credit limit and terms set from an assessment; valid_to is null for the current one.
CREATE TABLE credit_limits (
  credit_limit_id BIGINT      NOT NULL PRIMARY KEY,
  customer_id   BIGINT        NOT NULL,
  assessment_id BIGINT        NOT NULL,
  credit_limit  DECIMAL(18,2) NOT NULL,
  terms_code    VARCHAR(16)   NOT NULL,
  guarantee_required BOOLEAN  NOT NULL,
  valid_from    DATE          NOT NULL,
  valid_to      DATE,
  approved_by   VARCHAR(40)   NOT NULL,
  updated_at    TIMESTAMP     NOT NULL,
  FOREIGN KEY (assessment_id) REFERENCES credit_assessments (assessment_id),
  FOREIGN KEY (terms_code) REFERENCES payment_terms (terms_code)
);
-- One invoice per confirmed order once invoiced; amount = the order's amount; due_on = issued_on + net days.
CREATE TABLE invoices (
  invoice_id    BIGINT        NOT NULL PRIMARY KEY,
  invoice_no    VARCHAR(32)   NOT NULL UNIQUE,
  order_id      BIGINT        NOT NULL,
  customer_id   BIGINT        NOT NULL,
  issued_on     DATE          NOT NULL,
  due_on        DATE          NOT NULL,
  amount        DECIMAL(18,2) NOT NULL,
  updated_at    TIMESTAMP     NOT NULL,
  terms_code    VARCHAR(16)   NOT NULL,
  FOREIGN KEY (terms_code) REFERENCES payment_terms (terms_code)
);
-- Credit notes against an invoice (reason return or price_adjustment).
CREATE TABLE credit_notes (
  credit_note_id BIGINT       NOT NULL PRIMARY KEY,
  credit_note_no VARCHAR(32)  NOT NULL UNIQUE,
  invoice_id    BIGINT        NOT NULL,
  customer_id   BIGINT        NOT NULL,
  return_id     BIGINT,
  issued_on     DATE          NOT NULL,
  amount        DECIMAL(18,2) NOT NULL,
  reason        VARCHAR(40)   NOT NULL,
  updated_at    TIMESTAMP     NOT NULL,
  FOREIGN KEY (invoice_id) REFERENCES invoices (invoice_id)
);
-- Money received. status cleared, bounced (cheque/transfer returned) or reversed (posting undone), with bounced_on.
CREATE TABLE receipts (
  receipt_id    BIGINT        NOT NULL PRIMARY KEY,
  receipt_no    VARCHAR(32)   NOT NULL UNIQUE,
  customer_id   BIGINT        NOT NULL,
  received_on   DATE          NOT NULL,
  amount        DECIMAL(18,2) NOT NULL,
  payment_method VARCHAR(16)  NOT NULL,
  bank_reference VARCHAR(40)  NOT NULL,
  status        VARCHAR(16)   NOT NULL,
  bounced_on    DATE,
  updated_at    TIMESTAMP     NOT NULL
);
-- Explicit allocation of a receipt to an invoice. Allocations of a bounced/reversed receipt are soft-deleted
-- (deleted = TRUE) when it bounces. A receipt's live allocations never exceed its amount; unallocated rest is on account.
CREATE TABLE receipt_allocations (
  allocation_id BIGINT        NOT NULL PRIMARY KEY,
  receipt_id    BIGINT        NOT NULL,
  invoice_id    BIGINT        NOT NULL,
  allocated_on  DATE          NOT NULL,
  amount        DECIMAL(18,2) NOT NULL,
  updated_at    TIMESTAMP     NOT NULL,
  deleted       BOOLEAN       NOT NULL,
  FOREIGN KEY (receipt_id) REFERENCES receipts (receipt_id),
  FOREIGN KEY (invoice_id) REFERENCES invoices (invoice_id)
);
-- Chasing overdue invoices (P-5.2): action_type reminder, call, visit, letter, escalation; rep_id (CRM) who acted.
CREATE TABLE collection_actions (
  action_id     BIGINT        NOT NULL PRIMARY KEY,
  invoice_id    BIGINT        NOT NULL,
  customer_id   BIGINT        NOT NULL,
  rep_id        BIGINT        NOT NULL,
  action_type   VARCHAR(16)   NOT NULL,
  action_on     DATE          NOT NULL,
  days_overdue  INT           NOT NULL,
  outcome       VARCHAR(100)  NOT NULL,
  updated_at    TIMESTAMP     NOT NULL,
  FOREIGN KEY (invoice_id) REFERENCES invoices (invoice_id)
);
-- Bad debts written off under the finance rules, with approval and evidence.
CREATE TABLE write_offs (
  write_off_id  BIGINT        NOT NULL PRIMARY KEY,
  invoice_id    BIGINT        NOT NULL,
  customer_id   BIGINT        NOT NULL,
  written_off_on DATE         NOT NULL,
  amount        DECIMAL(18,2) NOT NULL,
  reason        VARCHAR(100)  NOT NULL,
  approved_by   VARCHAR(40)   NOT NULL,
  approved_on   DATE          NOT NULL,
  evidence_ref  VARCHAR(100)  NOT NULL,
  updated_at    TIMESTAMP     NOT NULL,
  FOREIGN KEY (invoice_id) REFERENCES invoices (invoice_id)
);
-- Sales expenses claimed by reps (P-6.1): category travel, entertainment, gifts, samples, marketing, phone.
CREATE TABLE sales_expenses (
  expense_id    BIGINT        NOT NULL PRIMARY KEY,
  rep_id        BIGINT        NOT NULL,
  customer_id   BIGINT,
  expense_on    DATE          NOT NULL,
  category      VARCHAR(20)   NOT NULL,
  amount        DECIMAL(18,2) NOT NULL,
  description   VARCHAR(200)  NOT NULL,
  status        VARCHAR(16)   NOT NULL,
  approved_by   VARCHAR(40),
  updated_at    TIMESTAMP     NOT NULL
);
CREATE INDEX ix_payment_terms_updated_at ON payment_terms (updated_at);
CREATE INDEX ix_credit_assessments_updated_at ON credit_assessments (updated_at);
CREATE INDEX ix_credit_limits_updated_at ON credit_limits (updated_at);
CREATE INDEX ix_invoices_updated_at ON invoices (updated_at);
CREATE INDEX ix_credit_notes_updated_at ON credit_notes (updated_at);
CREATE INDEX ix_receipts_updated_at ON receipts (updated_at);
CREATE INDEX ix_receipt_allocations_updated_at ON receipt_allocations (updated_at);
CREATE INDEX ix_collection_actions_updated_at ON collection_actions (updated_at);
CREATE INDEX ix_write_offs_updated_at ON write_offs (updated_at);
CREATE INDEX ix_sales_expenses_updated_at ON sales_expenses (updated_at);
