-- Order system: products, orders and their lines. Money is DECIMAL(18,2); timestamps are UTC.
CREATE TABLE products (
  product_id    BIGINT        NOT NULL PRIMARY KEY,
  product_name  VARCHAR(100)  NOT NULL,
  category      VARCHAR(40)   NOT NULL,
  unit_cost     DECIMAL(18,2) NOT NULL,
  list_price    DECIMAL(18,2) NOT NULL,
  updated_at    TIMESTAMP     NOT NULL
);
CREATE TABLE orders (
  order_id      BIGINT        NOT NULL PRIMARY KEY,
  order_no      VARCHAR(32)   NOT NULL UNIQUE,
  customer_id   BIGINT        NOT NULL,
  rep_id        BIGINT        NOT NULL,
  channel       VARCHAR(16)   NOT NULL,
  ordered_at    TIMESTAMP     NOT NULL,
  status        VARCHAR(16)   NOT NULL,
  amount        DECIMAL(18,2) NOT NULL,
  updated_at    TIMESTAMP     NOT NULL
);
CREATE TABLE order_lines (
  order_id      BIGINT        NOT NULL REFERENCES orders (order_id),
  line_no       INT           NOT NULL,
  product_id    BIGINT        NOT NULL REFERENCES products (product_id),
  quantity      INT           NOT NULL,
  unit_price    DECIMAL(18,2) NOT NULL,
  discount      DECIMAL(18,2) NOT NULL,
  line_amount   DECIMAL(18,2) NOT NULL,
  updated_at    TIMESTAMP     NOT NULL,
  PRIMARY KEY (order_id, line_no)
);
