-- The business calendar (P-3.4), as dsmart.lake.BusinessCalendar counts it: one row per day of 2000..2099;
-- a day is a working day when it is an adjusted working day (calendar.workdays), else when it is not a public
-- holiday (calendar.holidays: dates or ranges a..b) and not a Saturday or Sunday.
-- working_day_no counts the working days up to and including the day, so that the working days in (a, b] are
-- no(b) - no(a), and the N-th working day after a is the working day whose number is no(a) + N.
WITH holiday_items AS (
  SELECT trim(item) AS item FROM (SELECT explode(split('{{setting:calendar.holidays}}', ',')) AS item)
),
holidays AS (
  SELECT DISTINCT day FROM (
    SELECT explode(sequence(to_date(regexp_extract(item, '^([0-9]{4}-[0-9]{2}-[0-9]{2})', 1)),
                            to_date(regexp_extract(item, '([0-9]{4}-[0-9]{2}-[0-9]{2})$', 1)))) AS day
    FROM holiday_items WHERE item <> '')
),
workdays AS (
  SELECT DISTINCT to_date(trim(item)) AS day
  FROM (SELECT explode(split('{{setting:calendar.workdays}}', ',')) AS item)
  WHERE trim(item) <> ''
),
flagged AS (
  SELECT d.day,
         CASE WHEN w.day IS NOT NULL THEN TRUE
              WHEN h.day IS NOT NULL THEN FALSE
              ELSE dayofweek(d.day) NOT IN (1, 7) END AS is_working_day
  FROM (SELECT explode(sequence(DATE '2000-01-01', DATE '2099-12-31')) AS day) d
  LEFT JOIN holidays h ON h.day = d.day
  LEFT JOIN workdays w ON w.day = d.day
)
SELECT day, is_working_day,
       SUM(CASE WHEN is_working_day THEN 1 ELSE 0 END) OVER (ORDER BY day ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
         AS working_day_no
FROM flagged
