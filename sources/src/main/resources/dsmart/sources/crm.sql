-- CRM: the sales organisation and its customers. Timestamps are UTC; updated_at is the change cursor.
CREATE TABLE regions (
  region_code   VARCHAR(16)  NOT NULL PRIMARY KEY,
  region_name   VARCHAR(40)  NOT NULL,
  updated_at    TIMESTAMP    NOT NULL
);
CREATE TABLE teams (
  team_id       BIGINT       NOT NULL PRIMARY KEY,
  team_name     VARCHAR(60)  NOT NULL,
  region_code   VARCHAR(16)  NOT NULL REFERENCES regions (region_code),
  updated_at    TIMESTAMP    NOT NULL
);
CREATE TABLE reps (
  rep_id         BIGINT      NOT NULL PRIMARY KEY,
  rep_name       VARCHAR(40) NOT NULL,
  team_id        BIGINT      NOT NULL REFERENCES teams (team_id),
  position_level VARCHAR(16) NOT NULL,
  hired_on       DATE        NOT NULL,
  updated_at     TIMESTAMP   NOT NULL,
  deleted        BOOLEAN     NOT NULL
);
CREATE TABLE customers (
  customer_id    BIGINT       NOT NULL PRIMARY KEY,
  customer_name  VARCHAR(100) NOT NULL,
  region_code    VARCHAR(16)  NOT NULL REFERENCES regions (region_code),
  owner_rep_id   BIGINT       NOT NULL REFERENCES reps (rep_id),
  customer_type  VARCHAR(16)  NOT NULL,
  created_at     TIMESTAMP    NOT NULL,
  updated_at     TIMESTAMP    NOT NULL,
  deleted        BOOLEAN      NOT NULL
);
