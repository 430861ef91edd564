-- mart.market_alert reads the indicator series from here; the rules (settings market.rule.*) are evaluated and the
-- alert state machine is run in Java (MarketRule, AlertStates), then acknowledgements (ops.alert_ack) are joined.
-- Only complete periods are evaluated: a period the data covers in part (the current week) is not comparable.
SELECT grain, indicator, dimension, dimension_value, period_start, value
FROM mart.market_indicator
WHERE is_complete
