package dsmart.sources;

import static dsmart.sources.SourceSystem.CRM;
import static dsmart.sources.SourceSystem.FINANCE;
import static dsmart.sources.SourceSystem.ORDERS;

import dsmart.lake.BusinessCalendar;
import dsmart.lake.Settings;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Each breach rule found again from the generated rows with plain SQL and Java, written from the rule
 * definitions in docs/sources.md (not from the generator's code): the population the rate is taken over
 * and the keys of the rows breaking the rule, in the form of the truth file's entity_id.
 */
final class Detectors {
    record Found(long population, Set<String> ids) {}

    private Detectors() {}

    static Found find(Rule rule, Settings s) {
        return switch (rule) {
            case ORDER_WITHOUT_SIGNED_CONTRACT -> new Found(
                    Db.count(s, ORDERS, "SELECT COUNT(*) FROM orders WHERE status = 'confirmed'"),
                    Db.ids(s, ORDERS, "SELECT o.order_id FROM orders o LEFT JOIN contracts c ON c.contract_id = o.contract_id "
                            + "WHERE o.status = 'confirmed' AND (c.contract_id IS NULL OR c.signed_at IS NULL OR c.signed_at > o.ordered_at)"));
            case CONTRACT_WITHOUT_LEGAL_REVIEW -> new Found(
                    Db.count(s, ORDERS, "SELECT COUNT(*) FROM contracts WHERE signed_at IS NOT NULL"),
                    Db.ids(s, ORDERS, "SELECT contract_id FROM contracts WHERE signed_at IS NOT NULL "
                            + "AND (legal_reviewed_at IS NULL OR legal_reviewed_at > signed_at)"));
            case ORDER_AMOUNT_NOT_CONTRACT_AMOUNT -> new Found(
                    Db.count(s, ORDERS, "SELECT COUNT(*) FROM orders WHERE status = 'confirmed' AND contract_id IS NOT NULL"),
                    Db.ids(s, ORDERS, "SELECT o.order_id FROM orders o JOIN contracts c ON c.contract_id = o.contract_id "
                            + "WHERE o.status = 'confirmed' AND o.amount <> c.amount"));
            case SHIPMENT_WITHOUT_PASSED_INSPECTION -> new Found(
                    Db.count(s, ORDERS, "SELECT COUNT(*) FROM shipments"),
                    Db.ids(s, ORDERS, "SELECT s.shipment_id FROM shipments s WHERE NOT EXISTS (SELECT 1 FROM quality_inspections q "
                            + "WHERE q.order_id = s.order_id AND q.inspection_result = 'passed' AND q.inspected_at <= s.shipped_at)"));
            case TRACKING_NOT_SENT -> new Found(
                    Db.count(s, ORDERS, "SELECT COUNT(*) FROM shipments"),
                    Db.ids(s, ORDERS, "SELECT shipment_id FROM shipments WHERE tracking_no IS NULL OR tracking_sent_at IS NULL"));
            case OVER_CREDIT_LIMIT_WITHOUT_OVERRIDE -> new Found(
                    Db.count(s, ORDERS, "SELECT COUNT(*) FROM orders WHERE status = 'confirmed' AND credit_exposure + amount > credit_limit"),
                    Db.ids(s, ORDERS, "SELECT o.order_id FROM orders o WHERE o.status = 'confirmed' AND o.credit_exposure + o.amount > o.credit_limit "
                            + "AND NOT EXISTS (SELECT 1 FROM credit_overrides v WHERE v.order_id = o.order_id AND v.decision = 'approved')"));
            case SALE_BEFORE_INDUCTION_PASSED -> saleBeforeInduction(s);
            case INDUCTION_TOO_SHORT -> inductionTooShort(s);
            case TICKET_ANSWERED_LATE -> ticketsAnsweredLate(s);
            case COMPLEX_TICKET_WITHOUT_PROGRESS -> new Found(
                    Db.count(s, CRM, "SELECT COUNT(*) FROM service_tickets WHERE complexity = 'complex' AND resolved_at IS NOT NULL"),
                    Db.ids(s, CRM, "SELECT t.ticket_id FROM service_tickets t WHERE t.complexity = 'complex' AND t.resolved_at IS NOT NULL "
                            + "AND NOT EXISTS (SELECT 1 FROM ticket_updates u WHERE u.ticket_id = t.ticket_id AND u.update_type = 'progress')"));
            case COMPLAINT_PAST_DEADLINE -> complaintsPastDeadline(s);
            case NO_FOLLOW_UP_AFTER_DELIVERY -> noFollowUp(s);
            case COLLECTION_ACTION_MISSED -> collectionsMissed(s);
            case DUPLICATE_ORDER -> new Found(
                    Db.count(s, ORDERS, "SELECT COUNT(*) FROM orders WHERE status = 'confirmed'"),
                    duplicates(s));
            case ORDER_NUMBER_GAP -> numberGaps(s);
            case EXPENSE_OUTLIER -> expenseOutliers(s);
            case CUSTOMER_RECORD_INCOMPLETE -> new Found(
                    Db.count(s, CRM, "SELECT COUNT(*) FROM customers"),
                    Db.ids(s, CRM, "SELECT customer_id FROM customers WHERE phone IS NULL OR address IS NULL"));
        };
    }

    /** Population: reps hired during the period who have an induction record; ids: their orders dated before passing. */
    private static Found saleBeforeInduction(Settings s) {
        LocalDate start = s.date("generator.start").withDayOfMonth(1);
        Map<Long, LocalDate> passed = new HashMap<>();
        long hiredInPeriod = 0;
        for (List<Object> row : Db.rows(s, CRM, "SELECT r.rep_id, r.hired_on, t.assessment_passed_on FROM reps r "
                + "JOIN training_records t ON t.rep_id = r.rep_id AND t.training_type = 'induction'")) {
            passed.put(Db.number(row.get(0)), Db.date(row.get(2)));
            if (!Db.date(row.get(1)).isBefore(start)) {
                hiredInPeriod++;
            }
        }
        Set<String> ids = new LinkedHashSet<>();
        for (List<Object> row : Db.rows(s, ORDERS, "SELECT order_id, rep_id, ordered_at FROM orders WHERE status = 'confirmed' ORDER BY order_id")) {
            LocalDate day = Companies.businessDay(s, Db.time(row.get(2)));
            LocalDate passedOn = passed.get(Db.number(row.get(1)));
            if (passedOn == null || !day.isAfter(passedOn)) {
                ids.add(String.valueOf(row.get(0)));
            }
        }
        return new Found(hiredInPeriod, ids);
    }

    private static Found inductionTooShort(Settings s) {
        int min = s.integer("generator.induction.min.days");
        List<List<Object>> rows = Db.rows(s, CRM, "SELECT training_id, start_date, end_date FROM training_records WHERE training_type = 'induction'");
        Set<String> ids = new LinkedHashSet<>();
        for (List<Object> row : rows) {
            long days = Db.date(row.get(2)).toEpochDay() - Db.date(row.get(1)).toEpochDay() + 1;
            if (days < min) {
                ids.add(String.valueOf(row.get(0)));
            }
        }
        return new Found(rows.size(), ids);
    }

    /** The answer is due by the end of the N-th working day after the opening day (business dates). */
    private static Found ticketsAnsweredLate(Settings s) {
        BusinessCalendar calendar = s.calendar();
        int n = s.integer("generator.answer.working.days");
        LocalDate asOfDate = Companies.asOfDate(s);
        List<List<Object>> rows = Db.rows(s, CRM, "SELECT ticket_id, opened_at, first_answered_at FROM service_tickets WHERE complexity = 'ordinary'");
        Set<String> ids = new LinkedHashSet<>();
        for (List<Object> row : rows) {
            LocalDate opened = Companies.businessDay(s, Db.time(row.get(1)));
            LocalDate due = opened;
            while (calendar.workingDaysBetween(opened, due) < n) {
                due = due.plusDays(1);
            }
            LocalDate answered = row.get(2) == null ? null : Companies.businessDay(s, Db.time(row.get(2)));
            if (answered != null ? answered.isAfter(due) : due.isBefore(asOfDate)) {
                ids.add(String.valueOf(row.get(0)));
            }
        }
        return new Found(rows.size(), ids);
    }

    private static Found complaintsPastDeadline(Settings s) {
        LocalDate asOfDate = Companies.asOfDate(s);
        List<List<Object>> rows = Db.rows(s, CRM, "SELECT complaint_id, deadline_on, closed_at FROM complaints");
        Set<String> ids = new LinkedHashSet<>();
        for (List<Object> row : rows) {
            LocalDate deadline = Db.date(row.get(1));
            boolean late = row.get(2) == null ? deadline.isBefore(asOfDate) : Companies.businessDay(s, Db.time(row.get(2))).isAfter(deadline);
            if (late) {
                ids.add(String.valueOf(row.get(0)));
            }
        }
        return new Found(rows.size(), ids);
    }

    /** Orders delivered at least F days before the snapshot without a follow-up visit done within F days of delivery. */
    private static Found noFollowUp(Settings s) {
        int days = s.integer("generator.followup.days");
        LocalDateTime asOf = Companies.asOf(s);
        Map<Long, List<LocalDateTime>> followUps = new HashMap<>();
        for (List<Object> row : Db.rows(s, CRM, "SELECT order_id, done_at FROM visits WHERE follow_up_after_delivery AND done_at IS NOT NULL")) {
            followUps.computeIfAbsent(Db.number(row.get(0)), k -> new ArrayList<>()).add(Db.time(row.get(1)));
        }
        long population = 0;
        Set<String> ids = new LinkedHashSet<>();
        for (List<Object> row : Db.rows(s, ORDERS, "SELECT order_id, delivered_at FROM shipments WHERE delivered_at IS NOT NULL ORDER BY order_id")) {
            LocalDateTime delivered = Db.time(row.get(1));
            LocalDateTime by = delivered.plusDays(days);
            if (by.isAfter(asOf)) {
                continue;
            }
            population++;
            boolean visited = followUps.getOrDefault(Db.number(row.get(0)), List.of()).stream()
                    .anyMatch(done -> !done.isBefore(delivered) && !done.isAfter(by));
            if (!visited) {
                ids.add(String.valueOf(row.get(0)));
            }
        }
        return new Found(population, ids);
    }

    /**
     * An invoice needs the level's action when it is still not settled (live allocations + credit notes +
     * write-offs below its amount) at the end of due + level + 2 days, a day before the snapshot.
     */
    private static Found collectionsMissed(Settings s) {
        LocalDate asOfDate = Companies.asOfDate(s);
        int[] levels = {7, 30, 60, 90};
        List<Set<String>> types = List.of(Set.of("reminder"), Set.of("call"), Set.of("visit", "letter"), Set.of("escalation"));
        Map<Long, TreeMap<LocalDate, BigDecimal>> credits = new HashMap<>();
        String[] sources = {
            "SELECT invoice_id, allocated_on, amount FROM receipt_allocations WHERE NOT deleted",
            "SELECT invoice_id, issued_on, amount FROM credit_notes",
            "SELECT invoice_id, written_off_on, amount FROM write_offs",
        };
        for (String sql : sources) {
            for (List<Object> row : Db.rows(s, FINANCE, sql)) {
                credits.computeIfAbsent(Db.number(row.get(0)), k -> new TreeMap<>()).merge(Db.date(row.get(1)), (BigDecimal) row.get(2), BigDecimal::add);
            }
        }
        Set<String> done = new HashSet<>();
        for (List<Object> row : Db.rows(s, FINANCE, "SELECT invoice_id, action_type FROM collection_actions")) {
            done.add(row.get(0) + "/" + row.get(1));
        }
        long population = 0;
        Set<String> ids = new LinkedHashSet<>();
        for (List<Object> row : Db.rows(s, FINANCE, "SELECT invoice_id, due_on, amount FROM invoices ORDER BY invoice_id")) {
            long invoice = Db.number(row.get(0));
            LocalDate due = Db.date(row.get(1));
            BigDecimal amount = (BigDecimal) row.get(2);
            LocalDate settled = null;
            BigDecimal sum = BigDecimal.ZERO;
            for (Map.Entry<LocalDate, BigDecimal> credit : credits.getOrDefault(invoice, new TreeMap<>()).entrySet()) {
                sum = sum.add(credit.getValue());
                if (sum.compareTo(amount) >= 0) {
                    settled = credit.getKey();
                    break;
                }
            }
            for (int level = 0; level < levels.length; level++) {
                LocalDate graceEnd = due.plusDays(levels[level] + 2);
                if (!graceEnd.isBefore(asOfDate) || (settled != null && !settled.isAfter(graceEnd))) {
                    continue;
                }
                population++;
                boolean logged = types.get(level).stream().anyMatch(type -> done.contains(invoice + "/" + type));
                if (!logged) {
                    ids.add(invoice + "@" + levels[level]);
                }
            }
        }
        return new Found(population, ids);
    }

    /** A later confirmed order with the same customer, rep, contract and amount within 30 minutes of another. */
    private static Set<String> duplicates(Settings s) {
        Map<String, List<LocalDateTime>> seen = new HashMap<>();
        Set<String> ids = new LinkedHashSet<>();
        for (List<Object> row : Db.rows(s, ORDERS, "SELECT order_id, customer_id, rep_id, contract_id, amount, ordered_at "
                + "FROM orders WHERE status = 'confirmed' ORDER BY ordered_at, order_id")) {
            String key = row.get(1) + "/" + row.get(2) + "/" + row.get(3) + "/" + row.get(4);
            LocalDateTime at = Db.time(row.get(5));
            List<LocalDateTime> earlier = seen.computeIfAbsent(key, k -> new ArrayList<>());
            if (earlier.stream().anyMatch(time -> !at.isAfter(time.plusMinutes(30)))) {
                ids.add(String.valueOf(row.get(0)));
            }
            earlier.add(at);
        }
        return ids;
    }

    /**
     * Sequence numbers (the digits after SO + yyyymm) missing between the first and the last, named as the
     * order number they would have had: the month of the order that took the next number.
     */
    private static Found numberGaps(Settings s) {
        TreeMap<Long, String> used = new TreeMap<>();
        for (String orderNo : Db.ids(s, ORDERS, "SELECT order_no FROM orders")) {
            used.put(Long.parseLong(orderNo.substring(8)), orderNo.substring(0, 8));
        }
        Set<String> ids = new LinkedHashSet<>();
        for (long seq = 1; seq <= used.lastKey(); seq++) {
            if (!used.containsKey(seq)) {
                ids.add(used.higherEntry(seq).getValue() + String.format("%07d", seq));
            }
        }
        return new Found(used.lastKey(), ids);
    }

    /**
     * Reps employed from the start whose expense-to-sales ratio over the period has a robust z-score
     * (median and MAD of all such reps) above 3.5.
     */
    private static Found expenseOutliers(Settings s) {
        LocalDate start = s.date("generator.start").withDayOfMonth(1);
        Map<Long, BigDecimal> sales = new HashMap<>();
        for (List<Object> row : Db.rows(s, ORDERS, "SELECT rep_id, SUM(amount) FROM orders WHERE status = 'confirmed' GROUP BY rep_id")) {
            sales.put(Db.number(row.get(0)), (BigDecimal) row.get(1));
        }
        Map<Long, BigDecimal> expenses = new HashMap<>();
        for (List<Object> row : Db.rows(s, FINANCE, "SELECT rep_id, SUM(amount) FROM sales_expenses WHERE status <> 'rejected' GROUP BY rep_id")) {
            expenses.put(Db.number(row.get(0)), (BigDecimal) row.get(1));
        }
        Map<Long, Double> ratio = new TreeMap<>();
        long population = 0;
        for (List<Object> row : Db.rows(s, CRM, "SELECT rep_id, hired_on, left_on FROM reps")) {
            if (!Db.date(row.get(1)).isBefore(start)) {
                continue;
            }
            population++;
            long rep = Db.number(row.get(0));
            BigDecimal sold = sales.get(rep);
            if (row.get(2) == null && sold != null && sold.signum() > 0) {
                ratio.put(rep, expenses.getOrDefault(rep, BigDecimal.ZERO).doubleValue() / sold.doubleValue());
            }
        }
        double median = median(new ArrayList<>(ratio.values()));
        double mad = median(ratio.values().stream().map(r -> Math.abs(r - median)).toList());
        Set<String> ids = new LinkedHashSet<>();
        ratio.forEach((rep, r) -> {
            if (0.6745 * (r - median) / mad > 3.5) {
                ids.add(String.valueOf(rep));
            }
        });
        return new Found(population, ids);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
