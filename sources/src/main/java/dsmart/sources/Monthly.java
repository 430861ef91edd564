package dsmart.sources;

import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.MonthDay;
import java.util.Map;

/**
 * What happens once a month: quotas set before the month (from the rep's recent sales), regular contact
 * and care events (birthday and holiday greetings) for customers, and the reps' sales expenses (a few
 * reps claim far more than their peers: rule EXPENSE_OUTLIER). Memory: a few numbers per rep.
 */
final class Monthly {
    /** Spring Festival and Mid-Autumn Festival dates (lunar calendar). */
    private static final Map<Integer, LocalDate> SPRING_FESTIVAL = Map.of(
            2023, LocalDate.of(2023, 1, 22), 2024, LocalDate.of(2024, 2, 10), 2025, LocalDate.of(2025, 1, 29),
            2026, LocalDate.of(2026, 2, 17), 2027, LocalDate.of(2027, 2, 6), 2028, LocalDate.of(2028, 1, 26),
            2029, LocalDate.of(2029, 2, 13), 2030, LocalDate.of(2030, 2, 3));
    private static final Map<Integer, LocalDate> MID_AUTUMN = Map.of(
            2023, LocalDate.of(2023, 9, 29), 2024, LocalDate.of(2024, 9, 17), 2025, LocalDate.of(2025, 10, 6),
            2026, LocalDate.of(2026, 9, 25), 2027, LocalDate.of(2027, 9, 15), 2028, LocalDate.of(2028, 10, 3),
            2029, LocalDate.of(2029, 9, 22), 2030, LocalDate.of(2030, 9, 12));
    private static final long[] EXPENSE_BASE_CENTS = {1_500_00L, 2_000_00L, 3_000_00L, 4_000_00L};

    private final World w;
    private final Organisation org;
    private final CustomerBook book;
    private final long[] sales;
    private final long[][] history = new long[3][];
    private final int[] lastCustomer;
    private final double[] outlier;
    private int months;
    private long quotaId;
    private long communicationId;
    private long careId;
    private long expenseId;

    Monthly(World w, Organisation org, CustomerBook book) {
        this.w = w;
        this.org = org;
        this.book = book;
        sales = new long[org.reps];
        for (int k = 0; k < history.length; k++) {
            history[k] = new long[org.reps];
        }
        lastCustomer = new int[org.reps];
        java.util.Arrays.fill(lastCustomer, -1);
        outlier = new double[org.reps];
        chooseOutliers();
    }

    private void chooseOutliers() {
        int candidates = 0;
        for (int i = 0; i < org.initialReps; i++) {
            w.truth.population(Rule.EXPENSE_OUTLIER);
            if (org.leftOn[i] == null) {
                candidates++;
            }
        }
        double rate = w.truth.rate(Rule.EXPENSE_OUTLIER);
        int count = rate <= 0 ? 0 : Math.max(1, (int) Math.round(rate * org.initialReps));
        count = Math.min(count, candidates);
        while (count > 0) {
            int rep = w.random.nextInt(org.initialReps);
            if (org.leftOn[rep] != null || outlier[rep] > 0) {
                continue;
            }
            outlier[rep] = 3.5 + w.rnd() * 1.5;
            w.truth.planted(Rule.EXPENSE_OUTLIER);
            w.truth.record(Rule.EXPENSE_OUTLIER, rep + 1, (long) rep + 1, null, w.start,
                    String.format("sales expenses about %.1f times the usual share of sales, every month", outlier[rep]));
            count--;
        }
    }

    void sold(int rep, long cents, int customer) {
        sales[rep] += cents;
        lastCustomer[rep] = customer;
    }

    /** Quotas for the month, set five days before it, for every rep who may sell on its first day. */
    void quotas(LocalDate month, double expectedMonthlySales) throws SQLException {
        int sellers = 0;
        long lastMonthTotal = 0;
        for (int rep = 0; rep < org.reps; rep++) {
            if (org.canSell(rep, month)) {
                sellers++;
            }
            lastMonthTotal += history[0][rep];
        }
        double companyAverage = months == 0 ? expectedMonthlySales / Math.max(1, sellers) : lastMonthTotal / 100.0 / Math.max(1, sellers);
        double season = OrderFlow.SEASON[month.getMonthValue() - 1];
        LocalDateTime setAt = w.during(month.minusDays(5), 9, 18);
        for (int rep = 0; rep < org.reps; rep++) {
            if (!org.canSell(rep, month)) {
                continue;
            }
            int known = Math.min(months, history.length);
            long sum = 0;
            for (int k = 0; k < known; k++) {
                sum += history[k][rep];
            }
            double base = known == 0 || sum == 0 ? companyAverage * 0.8 : sum / 100.0 / known;
            double amount = Math.max(10_000, base * season * (1.0 + w.rnd() * 0.15));
            w.t.quotas.row(++quotaId, (long) rep + 1, month, World.money(Math.round(amount / 1000) * 1000.0), setAt);
        }
    }

    /** Regular contact (bigger customers more often) and birthday/holiday greetings for the top fifth. */
    void contacts(LocalDate month) throws SQLException {
        LocalDate end = month.plusMonths(1);
        LocalDateTime monthStart = w.startOf(month);
        LocalDateTime monthEnd = w.startOf(end);
        long monthEndSecond = monthEnd.toEpochSecond(java.time.ZoneOffset.UTC);
        for (int c = 0; c < book.count; c++) {
            if (!book.existsAt(c, monthEndSecond - 1) || (book.deletedAt[c] != null && book.deletedAt[c].isBefore(monthStart))) {
                continue;
            }
            double share = (double) c / book.count;
            double perMonth = share < 0.05 ? 3 : share < 0.25 ? 1 : 0.3;
            int count = (int) Math.floor(perMonth + w.rnd());
            for (int k = 0; k < count; k++) {
                LocalDate day = month.plusDays(w.random.nextInt(month.lengthOfMonth()));
                LocalDateTime at = w.during(day, 9, 20);
                if (!w.visible(at) || !book.existsAt(c, at.toEpochSecond(java.time.ZoneOffset.UTC)) || (book.deletedAt[c] != null && !at.isBefore(book.deletedAt[c]))) {
                    continue;
                }
                int rep = book.ownerAt(c, day);
                String type = new String[] {"call", "message", "email", "mail"}[w.pickWeighted(new double[] {0.5, 0.2, 0.2, 0.1})];
                String purpose = w.chance(0.85) ? "regular" : "solution";
                w.t.communications.row(++communicationId, (long) c + 1, book.primaryContact[c], (long) rep + 1, type, purpose, at,
                        w.pick(Names.COMM_SUMMARIES), at);
            }
            if (share < 0.2) {
                care(c, month);
            }
        }
    }

    private void care(int c, LocalDate month) throws SQLException {
        if (book.birthday[c] != 0 && book.birthday[c] / 100 == month.getMonthValue()) {
            int dayOfMonth = book.birthday[c] % 100;
            if (MonthDay.of(month.getMonthValue(), dayOfMonth).isValidYear(month.getYear())) {
                greet(c, "birthday", month.withDayOfMonth(dayOfMonth));
            }
        }
        LocalDate spring = SPRING_FESTIVAL.get(month.getYear());
        if (spring != null && spring.getMonthValue() == month.getMonthValue()) {
            greet(c, "spring_festival", spring);
        }
        LocalDate autumn = MID_AUTUMN.get(month.getYear());
        if (autumn != null && autumn.getMonthValue() == month.getMonthValue()) {
            greet(c, "mid_autumn", autumn);
        }
        if (month.getMonthValue() == 10) {
            greet(c, "national_day", month.withDayOfMonth(1));
        }
    }

    private void greet(int c, String occasion, LocalDate on) throws SQLException {
        LocalDateTime planned = w.during(on.minusDays(7), 9, 12);
        if (!w.visible(planned) || !book.existsAt(c, planned.toEpochSecond(java.time.ZoneOffset.UTC))) {
            return;
        }
        LocalDateTime sent = w.chance(0.92) ? w.seen(w.during(on.minusDays(w.between(0, 1)), 8, 12)) : null;
        int rep = book.ownerAt(c, on);
        String channel = new String[] {"message", "email", "gift", "call"}[w.pickWeighted(new double[] {0.5, 0.15, 0.15, 0.2})];
        w.t.careEvents.row(++careId, (long) c + 1, book.primaryContact[c], (long) rep + 1, occasion, on, channel, sent,
                sent == null ? "planned" : "sent", sent == null ? planned : sent);
    }

    /** Each rep's expenses for the month, then the month's sales roll into the history quotas use. */
    void closeMonth(LocalDate month) throws SQLException {
        LocalDate end = month.plusMonths(1).minusDays(1);
        for (int rep = 0; rep < org.reps; rep++) {
            LocalDate from = org.passedOn[rep] == null ? null : World.max(month, org.passedOn[rep].plusDays(1));
            LocalDate to = org.leftOn[rep] == null ? end : org.leftOn[rep].minusDays(1).isBefore(end) ? org.leftOn[rep].minusDays(1) : end;
            if (from == null || from.isAfter(to) || !w.visible(from)) {
                continue;
            }
            double total = (EXPENSE_BASE_CENTS[org.level[rep]] + 0.03 * sales[rep]) * (0.8 + w.rnd() * 0.4);
            if (outlier[rep] > 0) {
                total *= outlier[rep];
            }
            int rows = w.between(2, 6);
            double[] weights = new double[rows];
            double sum = 0;
            for (int k = 0; k < rows; k++) {
                weights[k] = 0.5 + w.rnd();
                sum += weights[k];
            }
            int span = (int) (to.toEpochDay() - from.toEpochDay());
            for (int k = 0; k < rows; k++) {
                LocalDate on = from.plusDays(w.between(0, span));
                if (!w.visible(on)) {
                    continue;
                }
                int category = w.pickWeighted(Names.EXPENSE_WEIGHTS);
                boolean withCustomer = (category == 1 || category == 2) && lastCustomer[rep] >= 0;
                String status = !on.isBefore(w.asOfDate.minusDays(7)) ? "submitted" : w.chance(0.04) ? "rejected" : "approved";
                int manager = org.manager(rep);
                w.t.expenses.row(++expenseId, (long) rep + 1, withCustomer ? (long) lastCustomer[rep] + 1 : null, on,
                        Names.EXPENSE_CATEGORIES[category], World.cents(Math.max(100, Math.round(total * weights[k] / sum))),
                        Names.EXPENSE_TEXT[category], status, status.equals("submitted") ? null : manager < 0 ? "销售总监" : org.name[manager],
                        w.during(on.plusDays(status.equals("submitted") ? 0 : 3).isBefore(w.asOfDate) ? on.plusDays(status.equals("submitted") ? 0 : 3) : on, 9, 18));
            }
        }
        long[] oldest = history[history.length - 1];
        System.arraycopy(history, 0, history, 1, history.length - 1);
        history[0] = oldest;
        System.arraycopy(sales, 0, history[0], 0, sales.length);
        java.util.Arrays.fill(sales, 0);
        months++;
    }
}
