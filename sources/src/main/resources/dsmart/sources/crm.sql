-- CRM: the sales organisation, its customers and everything sales and after-sales log about them.
-- One DDL for H2 (PostgreSQL mode), PostgreSQL and MariaDB: SourceSystem turns TIMESTAMP into DATETIME
-- and adds utf8mb4 table options on MariaDB/MySQL. Timestamps are UTC wall-clock values; DATE columns
-- are business dates (business.zone). updated_at is the change cursor of every table; tables are
-- created parents first (foreign keys) and dropped in reverse order.

-- Regions of the sales organisation.
CREATE TABLE regions (
  region_code    VARCHAR(16)  NOT NULL PRIMARY KEY,
  region_name    VARCHAR(40)  NOT NULL,
  updated_at     TIMESTAMP    NOT NULL
);
-- Position levels of the career path (P-2.2): rep -> senior_rep -> supervisor -> manager.
CREATE TABLE positions (
  position_level VARCHAR(16)  NOT NULL PRIMARY KEY,
  position_name  VARCHAR(40)  NOT NULL,
  level_rank     INT          NOT NULL,
  updated_at     TIMESTAMP    NOT NULL
);
CREATE TABLE teams (
  team_id        BIGINT       NOT NULL PRIMARY KEY,
  team_name      VARCHAR(60)  NOT NULL,
  region_code    VARCHAR(16)  NOT NULL,
  updated_at     TIMESTAMP    NOT NULL,
  FOREIGN KEY (region_code) REFERENCES regions (region_code)
);
-- Sales staff. position_level is the current level (history in rep_positions); manager_rep_id is the
-- supervisor (for reps) or the region manager (for supervisors). status active/left, left_on when left.
CREATE TABLE reps (
  rep_id         BIGINT       NOT NULL PRIMARY KEY,
  rep_name       VARCHAR(40)  NOT NULL,
  team_id        BIGINT       NOT NULL,
  position_level VARCHAR(16)  NOT NULL,
  hired_on       DATE         NOT NULL,
  updated_at     TIMESTAMP    NOT NULL,
  deleted        BOOLEAN      NOT NULL,
  employee_no    VARCHAR(16)  NOT NULL UNIQUE,
  manager_rep_id BIGINT,
  status         VARCHAR(16)  NOT NULL,
  left_on        DATE,
  phone          VARCHAR(20),
  FOREIGN KEY (team_id) REFERENCES teams (team_id),
  FOREIGN KEY (position_level) REFERENCES positions (position_level),
  FOREIGN KEY (manager_rep_id) REFERENCES reps (rep_id)
);
-- Effective-dated position history: one row per level a rep held; valid_to is null for the current one.
CREATE TABLE rep_positions (
  rep_position_id BIGINT      NOT NULL PRIMARY KEY,
  rep_id         BIGINT       NOT NULL,
  position_level VARCHAR(16)  NOT NULL,
  valid_from     DATE         NOT NULL,
  valid_to       DATE,
  updated_at     TIMESTAMP    NOT NULL,
  FOREIGN KEY (rep_id) REFERENCES reps (rep_id),
  FOREIGN KEY (position_level) REFERENCES positions (position_level)
);
-- Recruitment (P-2.1): a plan per team and quarter, candidates through CV screening, two interviews and a background check.
CREATE TABLE recruitment_plans (
  plan_id        BIGINT       NOT NULL PRIMARY KEY,
  team_id        BIGINT       NOT NULL,
  position_level VARCHAR(16)  NOT NULL,
  headcount      INT          NOT NULL,
  requirements   VARCHAR(200) NOT NULL,
  planned_on     DATE         NOT NULL,
  status         VARCHAR(16)  NOT NULL,
  updated_at     TIMESTAMP    NOT NULL,
  FOREIGN KEY (team_id) REFERENCES teams (team_id),
  FOREIGN KEY (position_level) REFERENCES positions (position_level)
);
CREATE TABLE candidates (
  candidate_id   BIGINT       NOT NULL PRIMARY KEY,
  plan_id        BIGINT       NOT NULL,
  candidate_name VARCHAR(40)  NOT NULL,
  applied_on     DATE         NOT NULL,
  cv_passed      BOOLEAN      NOT NULL,
  interview1_on  DATE,
  interview1_passed BOOLEAN,
  interview2_on  DATE,
  interview2_passed BOOLEAN,
  background_check_on DATE,
  background_check_passed BOOLEAN,
  outcome        VARCHAR(16)  NOT NULL,
  hired_rep_id   BIGINT,
  updated_at     TIMESTAMP    NOT NULL,
  FOREIGN KEY (plan_id) REFERENCES recruitment_plans (plan_id),
  FOREIGN KEY (hired_rep_id) REFERENCES reps (rep_id)
);
-- Training (P-2.2): induction (start/end day, assessment passed on) and recurring internal/external/online training.
CREATE TABLE training_records (
  training_id    BIGINT       NOT NULL PRIMARY KEY,
  rep_id         BIGINT       NOT NULL,
  training_type  VARCHAR(16)  NOT NULL,
  course_name    VARCHAR(100) NOT NULL,
  start_date     DATE         NOT NULL,
  end_date       DATE         NOT NULL,
  hours          DECIMAL(6,1) NOT NULL,
  assessment_result VARCHAR(16),
  assessment_passed_on DATE,
  updated_at     TIMESTAMP    NOT NULL,
  FOREIGN KEY (rep_id) REFERENCES reps (rep_id)
);
-- Sales quota (task) per rep and month (quota_month is the first day of the month).
CREATE TABLE quotas (
  quota_id       BIGINT        NOT NULL PRIMARY KEY,
  rep_id         BIGINT        NOT NULL,
  quota_month    DATE          NOT NULL,
  amount         DECIMAL(18,2) NOT NULL,
  updated_at     TIMESTAMP     NOT NULL,
  UNIQUE (rep_id, quota_month),
  FOREIGN KEY (rep_id) REFERENCES reps (rep_id)
);
-- Customers (P-4.1). credit_group: strategic, standard, strict (business) or consumer. birthday for consumers.
CREATE TABLE customers (
  customer_id    BIGINT       NOT NULL PRIMARY KEY,
  customer_name  VARCHAR(100) NOT NULL,
  region_code    VARCHAR(16)  NOT NULL,
  owner_rep_id   BIGINT       NOT NULL,
  customer_type  VARCHAR(16)  NOT NULL,
  created_at     TIMESTAMP    NOT NULL,
  updated_at     TIMESTAMP    NOT NULL,
  deleted        BOOLEAN      NOT NULL,
  credit_group   VARCHAR(16)  NOT NULL,
  industry       VARCHAR(40),
  phone          VARCHAR(20),
  address        VARCHAR(200),
  birthday       DATE,
  needs          VARCHAR(200),
  FOREIGN KEY (region_code) REFERENCES regions (region_code),
  FOREIGN KEY (owner_rep_id) REFERENCES reps (rep_id)
);
CREATE TABLE contacts (
  contact_id     BIGINT       NOT NULL PRIMARY KEY,
  customer_id    BIGINT       NOT NULL,
  contact_name   VARCHAR(40)  NOT NULL,
  title          VARCHAR(40),
  phone          VARCHAR(20),
  email          VARCHAR(100),
  birthday       DATE,
  is_primary     BOOLEAN      NOT NULL,
  updated_at     TIMESTAMP    NOT NULL,
  deleted        BOOLEAN      NOT NULL,
  FOREIGN KEY (customer_id) REFERENCES customers (customer_id)
);
-- Leads (P-3.1). lead_source: online_marketing, trade_show, directory, referral, social_media.
-- screened_at/screening_result (prospect, disqualified); converted leads name their customer.
CREATE TABLE leads (
  lead_id        BIGINT       NOT NULL PRIMARY KEY,
  lead_name      VARCHAR(100) NOT NULL,
  lead_source    VARCHAR(20)  NOT NULL,
  channel        VARCHAR(16)  NOT NULL,
  region_code    VARCHAR(16)  NOT NULL,
  rep_id         BIGINT,
  created_at     TIMESTAMP    NOT NULL,
  screened_at    TIMESTAMP,
  screening_result VARCHAR(16),
  converted_at   TIMESTAMP,
  customer_id    BIGINT,
  status         VARCHAR(16)  NOT NULL,
  updated_at     TIMESTAMP    NOT NULL,
  deleted        BOOLEAN      NOT NULL,
  FOREIGN KEY (region_code) REFERENCES regions (region_code),
  FOREIGN KEY (rep_id) REFERENCES reps (rep_id),
  FOREIGN KEY (customer_id) REFERENCES customers (customer_id)
);
-- Visits and calls (P-3.1, P-3.4): to a lead or a customer; visit_type phone, email, on_site; status planned/done/cancelled.
-- Follow-ups after delivery have follow_up_after_delivery = TRUE and the order_id (orders.orders) they follow.
CREATE TABLE visits (
  visit_id       BIGINT       NOT NULL PRIMARY KEY,
  rep_id         BIGINT       NOT NULL,
  customer_id    BIGINT,
  lead_id        BIGINT,
  visit_type     VARCHAR(16)  NOT NULL,
  purpose        VARCHAR(20)  NOT NULL,
  planned_at     TIMESTAMP    NOT NULL,
  done_at        TIMESTAMP,
  status         VARCHAR(16)  NOT NULL,
  order_id       BIGINT,
  follow_up_after_delivery BOOLEAN NOT NULL,
  note           VARCHAR(200),
  updated_at     TIMESTAMP    NOT NULL,
  FOREIGN KEY (rep_id) REFERENCES reps (rep_id),
  FOREIGN KEY (customer_id) REFERENCES customers (customer_id),
  FOREIGN KEY (lead_id) REFERENCES leads (lead_id)
);
-- Tailored proposals (P-3.2): spec, price, discount, delivery, after-sales promise; status sent/accepted/rejected.
CREATE TABLE proposals (
  proposal_id    BIGINT        NOT NULL PRIMARY KEY,
  customer_id    BIGINT,
  lead_id        BIGINT,
  rep_id         BIGINT        NOT NULL,
  proposed_at    TIMESTAMP     NOT NULL,
  spec           VARCHAR(200)  NOT NULL,
  price          DECIMAL(18,2) NOT NULL,
  discount       DECIMAL(18,2) NOT NULL,
  delivery_days  INT           NOT NULL,
  after_sales_promise VARCHAR(200) NOT NULL,
  status         VARCHAR(16)   NOT NULL,
  decided_at     TIMESTAMP,
  updated_at     TIMESTAMP     NOT NULL,
  FOREIGN KEY (customer_id) REFERENCES customers (customer_id),
  FOREIGN KEY (lead_id) REFERENCES leads (lead_id),
  FOREIGN KEY (rep_id) REFERENCES reps (rep_id)
);
-- Regular contact (P-4.3): calls, e-mails, messages, mail.
CREATE TABLE communications (
  communication_id BIGINT     NOT NULL PRIMARY KEY,
  customer_id    BIGINT       NOT NULL,
  contact_id     BIGINT,
  rep_id         BIGINT       NOT NULL,
  comm_type      VARCHAR(16)  NOT NULL,
  purpose        VARCHAR(20)  NOT NULL,
  occurred_at    TIMESTAMP    NOT NULL,
  summary        VARCHAR(200) NOT NULL,
  updated_at     TIMESTAMP    NOT NULL,
  FOREIGN KEY (customer_id) REFERENCES customers (customer_id),
  FOREIGN KEY (contact_id) REFERENCES contacts (contact_id),
  FOREIGN KEY (rep_id) REFERENCES reps (rep_id)
);
-- Care events (P-4.3): birthday and holiday greetings; occasion birthday, spring_festival, mid_autumn, national_day.
CREATE TABLE care_events (
  care_event_id  BIGINT       NOT NULL PRIMARY KEY,
  customer_id    BIGINT       NOT NULL,
  contact_id     BIGINT,
  rep_id         BIGINT       NOT NULL,
  occasion       VARCHAR(20)  NOT NULL,
  occasion_date  DATE         NOT NULL,
  channel        VARCHAR(16)  NOT NULL,
  sent_at        TIMESTAMP,
  status         VARCHAR(16)  NOT NULL,
  updated_at     TIMESTAMP    NOT NULL,
  FOREIGN KEY (customer_id) REFERENCES customers (customer_id),
  FOREIGN KEY (contact_id) REFERENCES contacts (contact_id),
  FOREIGN KEY (rep_id) REFERENCES reps (rep_id)
);
-- Service tickets (P-3.4): complexity ordinary/complex; complex ones carry a deadline and progress updates.
CREATE TABLE service_tickets (
  ticket_id      BIGINT       NOT NULL PRIMARY KEY,
  ticket_no      VARCHAR(32)  NOT NULL UNIQUE,
  customer_id    BIGINT       NOT NULL,
  rep_id         BIGINT       NOT NULL,
  order_id       BIGINT,
  product_id     BIGINT,
  complexity     VARCHAR(16)  NOT NULL,
  subject        VARCHAR(200) NOT NULL,
  opened_at      TIMESTAMP    NOT NULL,
  first_answered_at TIMESTAMP,
  deadline_on    DATE,
  resolved_at    TIMESTAMP,
  status         VARCHAR(16)  NOT NULL,
  updated_at     TIMESTAMP    NOT NULL,
  FOREIGN KEY (customer_id) REFERENCES customers (customer_id),
  FOREIGN KEY (rep_id) REFERENCES reps (rep_id)
);
-- Every answer, progress update and resolution of a ticket (update_type answer, progress, resolution).
CREATE TABLE ticket_updates (
  ticket_update_id BIGINT     NOT NULL PRIMARY KEY,
  ticket_id      BIGINT       NOT NULL,
  rep_id         BIGINT       NOT NULL,
  update_type    VARCHAR(16)  NOT NULL,
  occurred_at    TIMESTAMP    NOT NULL,
  note           VARCHAR(200) NOT NULL,
  updated_at     TIMESTAMP    NOT NULL,
  FOREIGN KEY (ticket_id) REFERENCES service_tickets (ticket_id),
  FOREIGN KEY (rep_id) REFERENCES reps (rep_id)
);
-- Complaints (P-3.4, P-4.3): handled by the complaint team, investigated, answered, closed by deadline_on.
CREATE TABLE complaints (
  complaint_id   BIGINT       NOT NULL PRIMARY KEY,
  complaint_no   VARCHAR(32)  NOT NULL UNIQUE,
  customer_id    BIGINT       NOT NULL,
  rep_id         BIGINT       NOT NULL,
  order_id       BIGINT,
  ticket_id      BIGINT,
  category       VARCHAR(20)  NOT NULL,
  description    VARCHAR(200) NOT NULL,
  opened_at      TIMESTAMP    NOT NULL,
  deadline_on    DATE         NOT NULL,
  handled_by     VARCHAR(40)  NOT NULL,
  investigated_at TIMESTAMP,
  root_cause     VARCHAR(100),
  answered_at    TIMESTAMP,
  closed_at      TIMESTAMP,
  status         VARCHAR(16)  NOT NULL,
  updated_at     TIMESTAMP    NOT NULL,
  FOREIGN KEY (customer_id) REFERENCES customers (customer_id),
  FOREIGN KEY (rep_id) REFERENCES reps (rep_id),
  FOREIGN KEY (ticket_id) REFERENCES service_tickets (ticket_id)
);
-- Satisfaction surveys (P-6.2): post_delivery, post_complaint; score 1..5 when answered.
CREATE TABLE satisfaction_surveys (
  survey_id      BIGINT       NOT NULL PRIMARY KEY,
  customer_id    BIGINT       NOT NULL,
  rep_id         BIGINT       NOT NULL,
  order_id       BIGINT,
  complaint_id   BIGINT,
  survey_type    VARCHAR(16)  NOT NULL,
  sent_at        TIMESTAMP    NOT NULL,
  answered_at    TIMESTAMP,
  score          INT,
  remark         VARCHAR(200),
  updated_at     TIMESTAMP    NOT NULL,
  FOREIGN KEY (customer_id) REFERENCES customers (customer_id),
  FOREIGN KEY (rep_id) REFERENCES reps (rep_id),
  FOREIGN KEY (complaint_id) REFERENCES complaints (complaint_id)
);
CREATE INDEX ix_regions_updated_at ON regions (updated_at);
CREATE INDEX ix_positions_updated_at ON positions (updated_at);
CREATE INDEX ix_teams_updated_at ON teams (updated_at);
CREATE INDEX ix_reps_updated_at ON reps (updated_at);
CREATE INDEX ix_rep_positions_updated_at ON rep_positions (updated_at);
CREATE INDEX ix_recruitment_plans_updated_at ON recruitment_plans (updated_at);
CREATE INDEX ix_candidates_updated_at ON candidates (updated_at);
CREATE INDEX ix_training_records_updated_at ON training_records (updated_at);
CREATE INDEX ix_quotas_updated_at ON quotas (updated_at);
CREATE INDEX ix_customers_updated_at ON customers (updated_at);
CREATE INDEX ix_contacts_updated_at ON contacts (updated_at);
CREATE INDEX ix_leads_updated_at ON leads (updated_at);
CREATE INDEX ix_visits_updated_at ON visits (updated_at);
CREATE INDEX ix_proposals_updated_at ON proposals (updated_at);
CREATE INDEX ix_communications_updated_at ON communications (updated_at);
CREATE INDEX ix_care_events_updated_at ON care_events (updated_at);
CREATE INDEX ix_service_tickets_updated_at ON service_tickets (updated_at);
CREATE INDEX ix_ticket_updates_updated_at ON ticket_updates (updated_at);
CREATE INDEX ix_complaints_updated_at ON complaints (updated_at);
CREATE INDEX ix_satisfaction_surveys_updated_at ON satisfaction_surveys (updated_at);
