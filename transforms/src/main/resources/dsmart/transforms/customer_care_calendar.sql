-- mart.customer_care_calendar: relationship care per tiered customer and month (P-4.2, P-4.3): regular contact
-- judged against the tier's contact frequency (care.contact.days.*), and for A customers the greetings due on
-- birthdays and the occasions of care.occasions, with whether they were sent. See docs/marts.md.
WITH tiers AS (
  SELECT customer_id, month, tier FROM mart.customer_tier_history
),
customers AS (
  SELECT customer_id, customer_name, owner_rep_id, birthday FROM raw.crm_customers WHERE _op = 'U'
),
primary_birthdays AS (
  SELECT customer_id, birthday
  FROM (SELECT customer_id, birthday, ROW_NUMBER() OVER (PARTITION BY customer_id ORDER BY contact_id) AS n
        FROM raw.crm_contacts WHERE _op = 'U' AND is_primary AND NOT deleted AND birthday IS NOT NULL)
  WHERE n = 1
),
contact_events AS (
  SELECT customer_id, CAST(occurred_at AS DATE) AS day FROM raw.crm_communications WHERE _op = 'U'
  UNION ALL
  SELECT customer_id, CAST(done_at AS DATE) FROM raw.crm_visits
  WHERE _op = 'U' AND customer_id IS NOT NULL AND done_at IS NOT NULL AND status = 'done'
),
-- the data's as-of day: the latest contact or order; the last month is judged on it, not on its month end
as_of AS (
  SELECT MAX(day) AS as_of
  FROM (SELECT day FROM contact_events
        UNION ALL SELECT CAST(ordered_at AS DATE) FROM raw.orders_orders WHERE _op = 'U')
),
contact_months AS (
  SELECT customer_id, CAST(date_trunc('MONTH', day) AS DATE) AS month, MAX(day) AS last_in_month, COUNT(*) AS contacts
  FROM contact_events GROUP BY 1, 2
),
spine AS (
  SELECT customer_id, month FROM tiers UNION SELECT customer_id, month FROM contact_months
),
running AS (
  SELECT s.customer_id, s.month, COALESCE(cm.contacts, 0) AS contacts_in_month,
         MAX(cm.last_in_month) OVER (PARTITION BY s.customer_id ORDER BY s.month ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
             AS last_contact_on
  FROM spine s LEFT JOIN contact_months cm ON cm.customer_id = s.customer_id AND cm.month = s.month
),
judged AS (
  SELECT t.customer_id, t.month, t.tier, LEAST(last_day(t.month), a.as_of) AS judged_on,
         CASE t.tier WHEN 'A' THEN {{setting:care.contact.days.a}} WHEN 'B' THEN {{setting:care.contact.days.b}}
                     ELSE {{setting:care.contact.days.c}} END AS contact_days,
         r.last_contact_on, r.contacts_in_month
  FROM tiers t
  CROSS JOIN as_of a
  JOIN running r ON r.customer_id = t.customer_id AND r.month = t.month
),
contact_rows AS (
  SELECT customer_id, month, tier, 'contact' AS item, 'regular_contact' AS occasion,
         date_add(last_contact_on, contact_days) AS due_on, judged_on,
         CASE WHEN last_contact_on IS NULL OR date_add(last_contact_on, contact_days) < judged_on THEN 'overdue' ELSE 'ok' END AS status,
         last_contact_on, datediff(judged_on, last_contact_on) AS days_since_contact, contact_days, contacts_in_month,
         CAST(NULL AS DATE) AS sent_on, CAST(NULL AS BIGINT) AS care_event_id
  FROM judged
),
occasions AS (
  SELECT occasion, occasion_date
  FROM (SELECT trim(split(entry, ':')[0]) AS occasion, try_cast(trim(split(entry, ':')[1]) AS DATE) AS occasion_date
        FROM (SELECT explode(split('{{setting:care.occasions}}', ',')) AS entry))
  WHERE occasion_date IS NOT NULL
),
greetings_due AS (
  SELECT j.customer_id, j.month, j.tier, j.judged_on, o.occasion, o.occasion_date
  FROM judged j JOIN occasions o ON CAST(date_trunc('MONTH', o.occasion_date) AS DATE) = j.month
  WHERE j.tier = 'A'
  UNION ALL
  SELECT customer_id, month, tier, judged_on, 'birthday', make_date(year(month), month(birthday), day(birthday))
  FROM (SELECT j.customer_id, j.month, j.tier, j.judged_on, COALESCE(c.birthday, pb.birthday) AS birthday
        FROM judged j
        JOIN customers c ON c.customer_id = j.customer_id
        LEFT JOIN primary_birthdays pb ON pb.customer_id = j.customer_id
        WHERE j.tier = 'A')
  WHERE birthday IS NOT NULL AND month(birthday) = month(month) AND day(birthday) <= day(last_day(month))
),
care AS (
  SELECT customer_id, occasion, occasion_date, MIN(CAST(sent_at AS DATE)) AS sent_on, MIN(care_event_id) AS care_event_id
  FROM raw.crm_care_events WHERE _op = 'U'
  GROUP BY customer_id, occasion, occasion_date
),
greeting_rows AS (
  SELECT g.customer_id, g.month, g.tier, 'greeting' AS item, g.occasion, g.occasion_date AS due_on, g.judged_on,
         CASE WHEN c.sent_on IS NOT NULL AND c.sent_on <= g.occasion_date THEN 'sent'
              WHEN c.sent_on IS NOT NULL THEN 'sent_late'
              WHEN g.occasion_date > g.judged_on THEN 'upcoming'
              ELSE 'not_sent' END AS status,
         CAST(NULL AS DATE) AS last_contact_on, CAST(NULL AS INT) AS days_since_contact, CAST(NULL AS INT) AS contact_days,
         CAST(NULL AS BIGINT) AS contacts_in_month, c.sent_on, c.care_event_id
  FROM greetings_due g
  LEFT JOIN care c ON c.customer_id = g.customer_id AND c.occasion = g.occasion AND c.occasion_date = g.occasion_date
)
SELECT r.month, r.customer_id, cu.customer_name, cu.owner_rep_id, r.tier, r.item, r.occasion, r.due_on, r.judged_on, r.status,
       r.last_contact_on, CAST(r.days_since_contact AS INT) AS days_since_contact, CAST(r.contact_days AS INT) AS contact_days,
       CAST(r.contacts_in_month AS BIGINT) AS contacts_in_month, r.sent_on, r.care_event_id
FROM (SELECT * FROM contact_rows UNION ALL SELECT * FROM greeting_rows) r
LEFT JOIN customers cu ON cu.customer_id = r.customer_id
