package dsmart.sources;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;

/**
 * Customers with their contacts, the leads they came from (and the many that never converted), credit
 * assessments and limits. Purchase weights follow a power law (customer i has weight (i+1)^-0.9: a few
 * big customers). Memory: about 250 bytes per customer plus each customer's open receivables.
 */
final class CustomerBook {
    static final int CUSTOMERS_PER_SCALE = 2_000;
    static final int ORDERS_PER_CUSTOMER_YEAR = 8;
    static final String[] GROUPS = {"strategic", "standard", "strict", "consumer"};
    static final String[] TERMS = {"PREPAY", "NET15", "NET30", "NET60"};
    static final int[] TERM_DAYS = {0, 15, 30, 60};
    /** The order system's credit limit for customers without an assessment (consumers), in cents. */
    static final long CONSUMER_DEFAULT_LIMIT_CENTS = 50_000_00L;
    static final int ON_TIME = 0;
    static final int LATE = 1;
    static final int DEFAULTER = 2;

    private final World w;
    private final Organisation org;
    final int count;
    final double[] cumulative;
    final int[] region;
    final boolean[] consumer;
    final int[] group;
    final int[] terms;
    final int[] payer;
    final LocalDate[] defaultsFrom;
    /** Creation time, UTC epoch seconds (a long, not an object: this array is one per customer). */
    private final long[] created;
    final LocalDateTime[] deletedAt;
    private final int[] owner;
    private final int[] laterOwner;
    private final LocalDate[] ownerChangedOn;
    private final long[] limit;
    private final long[] laterLimit;
    private final LocalDate[] limitChangedOn;
    final long[] pendingProposal;
    final long[] primaryContact;
    /** month * 100 + day of the customer's (consumer) or primary contact's birthday; 0 when unknown. */
    final int[] birthday;
    final Exposure exposure;

    private CustomerBook(World w, Organisation org, int count) {
        this.w = w;
        this.org = org;
        this.count = count;
        cumulative = new double[count];
        region = new int[count];
        consumer = new boolean[count];
        group = new int[count];
        terms = new int[count];
        payer = new int[count];
        defaultsFrom = new LocalDate[count];
        created = new long[count];
        deletedAt = new LocalDateTime[count];
        owner = new int[count];
        laterOwner = new int[count];
        ownerChangedOn = new LocalDate[count];
        limit = new long[count];
        laterLimit = new long[count];
        limitChangedOn = new LocalDate[count];
        pendingProposal = new long[count];
        primaryContact = new long[count];
        birthday = new int[count];
        exposure = new Exposure(count);
    }

    static CustomerBook generate(World w, Organisation org, double averageOrder, dsmart.lake.Progress progress) throws SQLException {
        progress.start("crm.customers+leads");
        CustomerBook book = new CustomerBook(w, org, CUSTOMERS_PER_SCALE * w.scale);
        book.write(averageOrder, progress);
        progress.done(book.count);
        return book;
    }

    // --- generation -----------------------------------------------------------------------------------

    private long contactId;
    private long leadId;
    private long visitId;
    private long proposalId;
    private long assessmentId;
    private long limitId;

    long nextVisitId() {
        return ++visitId;
    }

    long nextProposalId() {
        return ++proposalId;
    }

    private void write(double averageOrder, dsmart.lake.Progress progress) throws SQLException {
        LocalDateTime periodStart = w.startOf(w.start);
        long periodMinutes = (long) w.months * 30 * 24 * 60;
        double total = 0;
        for (int i = 0; i < count; i++) {
            total += Math.pow(i + 1, -0.9);
            cumulative[i] = total;
        }
        double monthlyOrders = count * (double) ORDERS_PER_CUSTOMER_YEAR / 12;
        int converted = 0;
        for (int i = 0; i < count; i++) {
            region[i] = w.random.nextInt(Names.REGIONS.length);
            boolean existing = w.rnd() < 0.55;
            LocalDateTime createdTime = existing
                    ? periodStart.minusMinutes(1 + w.random.nextLong(365L * 24 * 60))
                    : periodStart.plusMinutes(w.random.nextLong(periodMinutes * 9 / 10));
            this.created[i] = createdTime.toEpochSecond(java.time.ZoneOffset.UTC);
            consumer[i] = w.rnd() >= 0.7 && i >= count / 50;
            double expectedMonthly = (Math.pow(i + 1, -0.9) / total) * monthlyOrders * averageOrder;
            LocalDate created = w.day(createdAt(i));
            LocalDateTime leadCreated = existing ? null : createdAt(i).minusMinutes(w.between(7 * 24 * 60, 60 * 24 * 60));
            LocalDate from = existing ? created : w.day(leadCreated);
            owner[i] = org.pickSeller(region[i], from, existing ? w.start : created);
            laterOwner[i] = -1;
            if (org.leftOn[owner[i]] != null && w.visible(org.leftOn[owner[i]])) {
                ownerChangedOn[i] = org.leftOn[owner[i]];
                laterOwner[i] = org.pickSeller(region[i], ownerChangedOn[i], ownerChangedOn[i]);
            }
            if (w.chance(0.005)) {
                LocalDateTime deleted = w.asOf.minusMinutes(w.between(60, 60 * 24 * 60));
                deletedAt[i] = deleted.isAfter(createdAt(i)) ? deleted : null;
            }
            payer[i] = consumer[i] ? (w.chance(0.8) ? ON_TIME : LATE) : w.pickWeighted(new double[] {0.68, 0.29, 0.03});
            if (payer[i] == DEFAULTER) {
                defaultsFrom[i] = w.start.plusDays(w.between(0, (int) (w.asOfDate.toEpochDay() - w.start.toEpochDay()) - 1));
            }
            String name = writeCustomer(i, created, existing, expectedMonthly);
            if (!existing) {
                writeConvertedLead(i, leadCreated, name);
                converted++;
            }
            if ((i + 1) % 1_000 == 0) {
                progress.add(1_000);
            }
        }
        for (int k = 0; k < converted * 7; k++) {
            writeOpenLead();
        }
        w.t.crm.flush();
        w.t.finance.flush();
    }

    private static final String[] GRADES = {"A", "B", "C", "D"};
    private static final double[][] GRADE_BY_PAYER = {{0.5, 0.4, 0.1, 0}, {0.15, 0.45, 0.3, 0.1}, {0, 0.3, 0.4, 0.3}};

    /** Writes the customer with contacts and credit; returns its name. */
    private String writeCustomer(int i, LocalDate created, boolean existing, double expectedMonthly) throws SQLException {
        String[] cities = Names.REGIONS[region[i]][2].split(",");
        String city = w.pick(cities);
        int grade = w.pickWeighted(GRADE_BY_PAYER[payer[i]]);
        if (consumer[i]) {
            group[i] = 3;
            terms[i] = w.chance(0.7) ? 0 : 1;
        } else if (i < count * 0.03) {
            group[i] = 0;
            terms[i] = 3;
            grade = Math.min(grade, 1);
        } else if (grade >= 2) {
            group[i] = 2;
            terms[i] = w.chance(0.5) ? 0 : 1;
        } else {
            group[i] = 1;
            terms[i] = w.chance(0.75) ? 2 : 3;
        }
        String name = consumer[i] ? w.personName() : city + w.pick(Names.WORDS) + w.pick(Names.TRADES) + "有限公司";
        String phone = w.phone();
        String address = city + "市" + w.pick(Names.STREETS) + w.between(1, 999) + "号";
        w.truth.population(Rule.CUSTOMER_RECORD_INCOMPLETE);
        boolean incomplete = w.plant(Rule.CUSTOMER_RECORD_INCOMPLETE);
        String missing = null;
        if (incomplete) {
            if (w.chance(0.5)) {
                phone = null;
                missing = "phone";
            } else {
                address = null;
                missing = "address";
            }
        }
        LocalDate born = LocalDate.of(w.between(1960, 2000), 1, 1).plusDays(w.random.nextInt(365));
        LocalDateTime updated = createdAt(i);
        if (ownerChangedOn[i] != null) {
            updated = World.max(updated, w.during(ownerChangedOn[i], 9, 18));
        }
        if (deletedAt[i] != null) {
            updated = World.max(updated, deletedAt[i]);
        }
        int currentOwner = laterOwner[i] >= 0 ? laterOwner[i] : owner[i];
        w.t.customers.row((long) i + 1, name, Names.REGIONS[region[i]][0], (long) currentOwner + 1, consumer[i] ? "consumer" : "business",
                createdAt(i), updated, deletedAt[i] != null, GROUPS[group[i]], consumer[i] ? null : w.pick(Names.INDUSTRIES), phone,
                address, consumer[i] ? born : null, w.pick(Names.NEEDS));
        if (incomplete) {
            w.truth.record(Rule.CUSTOMER_RECORD_INCOMPLETE, i + 1, (long) currentOwner + 1, (long) i + 1, created,
                    "customer record without " + missing);
        }
        int contacts = consumer[i] ? 1 : w.between(1, 3);
        for (int k = 0; k < contacts; k++) {
            long id = ++contactId;
            boolean primary = k == 0;
            String contactName = consumer[i] && primary ? name : w.personName();
            LocalDate contactBirthday = consumer[i] && primary ? born : w.chance(0.6) ? LocalDate.of(w.between(1960, 1998), 1, 1).plusDays(w.random.nextInt(365)) : null;
            boolean deleted = !primary && w.chance(0.05);
            w.t.contacts.row(id, (long) i + 1, contactName, consumer[i] ? null : w.pick(Names.TITLES), w.phone(),
                    "c" + id + "@example.cn", contactBirthday, primary, deleted ? World.max(createdAt(i), w.asOf.minusDays(w.between(2, 100))) : createdAt(i), deleted);
            if (primary) {
                primaryContact[i] = id;
                birthday[i] = contactBirthday == null ? 0 : contactBirthday.getMonthValue() * 100 + contactBirthday.getDayOfMonth();
            }
        }
        if (!consumer[i]) {
            writeCredit(i, created, existing, grade, expectedMonthly);
        } else {
            limit[i] = CONSUMER_DEFAULT_LIMIT_CENTS;
        }
        return name;
    }

    private void writeCredit(int i, LocalDate created, boolean existing, int grade, double expectedMonthly) throws SQLException {
        long[] floors = {300_000_00L, 80_000_00L, 40_000_00L};
        double exposureDays = TERM_DAYS[terms[i]] + (payer[i] == ON_TIME ? 20 : 50);
        long wanted = (long) (expectedMonthly * exposureDays / 30 * (1.5 + 1.5 * w.rnd()) * 100);
        limit[i] = roundUp(Math.max(floors[group[i]], wanted));
        LocalDate assessed = created.minusDays(w.between(1, 10));
        long assessment = assessment(i, assessed, grade);
        boolean guarantee = group[i] == 2;
        LocalDate reassessed = existing && w.months >= 6 && w.chance(0.6)
                ? w.start.plusDays(w.between(30, (int) (w.asOfDate.toEpochDay() - w.start.toEpochDay()) - 2)) : null;
        w.t.creditLimits.row(++limitId, (long) i + 1, assessment, World.cents(limit[i]), TERMS[terms[i]], guarantee, assessed.plusDays(1),
                reassessed, w.pick(Names.FINANCE_APPROVERS), w.during(reassessed != null ? reassessed : assessed.plusDays(1), 9, 18));
        if (reassessed != null) {
            double factor = payer[i] == ON_TIME ? 1.1 + w.rnd() * 0.3 : payer[i] == LATE ? 0.8 + w.rnd() * 0.2 : 0.5;
            int newGrade = payer[i] == ON_TIME ? Math.max(0, grade - 1) : Math.min(3, grade + (payer[i] == DEFAULTER ? 2 : 1));
            long second = assessment(i, reassessed.minusDays(1), newGrade);
            laterLimit[i] = roundUp((long) (limit[i] * factor));
            limitChangedOn[i] = reassessed;
            w.t.creditLimits.row(++limitId, (long) i + 1, second, World.cents(laterLimit[i]), TERMS[terms[i]], guarantee, reassessed,
                    null, w.pick(Names.FINANCE_APPROVERS), w.during(reassessed, 9, 18));
        }
    }

    private static long roundUp(long cents) {
        long step = 10_000_00L;
        return (cents + step - 1) / step * step;
    }

    private long assessment(int i, LocalDate on, int grade) throws SQLException {
        long id = ++assessmentId;
        int score = new int[] {85, 70, 55, 30}[grade] + w.between(0, grade == 3 ? 24 : 14);
        w.t.creditAssessments.row(id, (long) i + 1, on, GRADES[grade], score,
                new String[] {"经营稳定，规模较大", "经营正常", "经营波动较大", "经营困难"}[grade],
                new String[] {"财务状况良好", "财务状况一般", "负债率偏高", "现金流紧张"}[grade],
                new String[] {"无逾期记录", "偶有逾期", "多次逾期", "存在严重逾期"}[grade],
                w.pick(Names.FINANCE_APPROVERS), w.during(on, 9, 18));
        return id;
    }

    private String leadChannel(boolean isConsumer) {
        return isConsumer ? (w.chance(0.7) ? "online" : "phone") : Names.CHANNELS[w.pickWeighted(new double[] {0.35, 0.25, 0.4})];
    }

    /** The lead a new customer came from: screened, visited, a proposal accepted, converted (P-3.1, P-3.2). */
    private void writeConvertedLead(int i, LocalDateTime created, String name) throws SQLException {
        long lead = ++leadId;
        long span = java.time.Duration.between(created, createdAt(i)).toMinutes();
        LocalDateTime screened = created.plusMinutes((long) (span * (0.05 + 0.15 * w.rnd())));
        int rep = owner[i];
        w.t.leads.row(lead, name, Names.LEAD_SOURCES[w.pickWeighted(Names.LEAD_SOURCE_WEIGHTS)], leadChannel(consumer[i]),
                Names.REGIONS[region[i]][0], (long) rep + 1, created, screened, "prospect", createdAt(i), (long) i + 1, "converted",
                createdAt(i), false);
        int visits = w.between(1, 2);
        for (int v = 0; v < visits; v++) {
            LocalDateTime at = created.plusMinutes((long) (span * (0.25 + 0.25 * v + 0.2 * w.rnd())));
            w.t.visits.row(nextVisitId(), (long) rep + 1, null, lead, v == 0 && consumer[i] ? "phone" : "on_site",
                    v == 0 ? "prospecting" : "needs_analysis", at, at, "done", null, false, "了解客户需求", at);
        }
        LocalDateTime proposed = created.plusMinutes((long) (span * (0.75 + 0.2 * w.rnd())));
        long proposal = nextProposalId();
        BigDecimal price = World.money(5_000 + w.rnd() * 40_000);
        w.t.proposals.row(proposal, (long) i + 1, lead, (long) rep + 1, proposed, "定制产品组合方案", price,
                World.money(price.doubleValue() * w.rnd() * 0.1), w.chance(0.3) ? 21 : 7, w.pick(Names.PROMISES), "accepted",
                createdAt(i), createdAt(i));
        pendingProposal[i] = proposal;
    }

    /** A lead that has not (yet) become a customer: new, disqualified, prospect or lost. */
    private void writeOpenLead() throws SQLException {
        long lead = ++leadId;
        int leadRegion = w.random.nextInt(Names.REGIONS.length);
        LocalDateTime from = w.startOf(w.start.minusDays(60));
        LocalDateTime created = from.plusMinutes(w.random.nextLong(java.time.Duration.between(from, w.asOf).toMinutes()));
        boolean isConsumer = w.chance(0.3);
        LocalDate day = w.day(created);
        int rep = w.chance(0.95) ? org.pickSeller(leadRegion, day, day) : -1;
        if (rep >= 0 && !org.canSell(rep, day)) {
            rep = -1;
        }
        LocalDateTime screened = w.chance(0.75) ? w.seen(created.plusMinutes(w.between(24 * 60, 5 * 24 * 60))) : null;
        boolean deleted = w.chance(0.01);
        String result = screened == null ? null : deleted || w.chance(0.55) ? "disqualified" : "prospect";
        String status = result == null ? "new" : result;
        LocalDateTime updated = screened == null ? created : screened;
        // a prospect's visits and proposal, planned before any row is written (the lead row goes first)
        LocalDateTime[] visitsAt = new LocalDateTime[0];
        LocalDateTime proposed = null;
        LocalDateTime decided = null;
        if ("prospect".equals(result) && rep >= 0 && w.chance(0.6)) {
            int count = w.between(1, 2);
            java.util.List<LocalDateTime> times = new java.util.ArrayList<>();
            LocalDateTime at = screened;
            for (int v = 0; v < count; v++) {
                at = at.plusMinutes(w.between(2 * 24 * 60, 20 * 24 * 60));
                if (w.visible(at)) {
                    times.add(at);
                }
            }
            visitsAt = times.toArray(LocalDateTime[]::new);
            if (visitsAt.length == count && w.chance(0.45)) {
                proposed = w.seen(at.plusMinutes(w.between(3 * 24 * 60, 15 * 24 * 60)));
                if (proposed != null && w.chance(0.6)) {
                    decided = w.seen(proposed.plusMinutes(w.between(3 * 24 * 60, 20 * 24 * 60)));
                }
            }
            for (LocalDateTime t : visitsAt) {
                updated = World.max(updated, t);
            }
            updated = World.max(World.max(updated, proposed), decided);
            if (decided != null) {
                status = "lost";
            }
        }
        if (deleted) {
            updated = World.max(updated, w.seen(updated.plusDays(1)));
        }
        String name = isConsumer ? w.personName()
                : w.pick(Names.REGIONS[leadRegion][2].split(",")) + w.pick(Names.WORDS) + w.pick(Names.TRADES) + "有限公司";
        w.t.leads.row(lead, name, Names.LEAD_SOURCES[w.pickWeighted(Names.LEAD_SOURCE_WEIGHTS)], leadChannel(isConsumer),
                Names.REGIONS[leadRegion][0], rep < 0 ? null : (long) rep + 1, created, screened, result, null, null, status, updated,
                deleted);
        for (int v = 0; v < visitsAt.length; v++) {
            w.t.visits.row(nextVisitId(), (long) rep + 1, null, lead, w.chance(0.5) ? "on_site" : "phone",
                    v == 0 ? "prospecting" : "needs_analysis", visitsAt[v], visitsAt[v], "done", null, false, "初次接触", visitsAt[v]);
        }
        if (proposed != null) {
            BigDecimal price = World.money(5_000 + w.rnd() * 40_000);
            w.t.proposals.row(nextProposalId(), null, lead, (long) rep + 1, proposed, "标准产品方案", price,
                    World.money(price.doubleValue() * w.rnd() * 0.1), w.chance(0.3) ? 21 : 7, w.pick(Names.PROMISES),
                    decided == null ? "sent" : "rejected", decided, decided == null ? proposed : decided);
        }
    }

    // --- what orders need --------------------------------------------------------------------------------

    LocalDateTime createdAt(int customer) {
        return LocalDateTime.ofEpochSecond(created[customer], 0, java.time.ZoneOffset.UTC);
    }

    /** Whether the customer exists at the time (UTC epoch seconds). */
    boolean existsAt(int customer, long epochSecond) {
        return created[customer] <= epochSecond;
    }

    /** A customer drawn by purchase weight. */
    int pick() {
        double target = w.rnd() * cumulative[count - 1];
        int index = Arrays.binarySearch(cumulative, target);
        return index >= 0 ? index : Math.min(-index - 1, count - 1);
    }

    /** The customer's owner on a day (the owner is replaced when the rep leaves). */
    int ownerAt(int customer, LocalDate day) {
        return ownerChangedOn[customer] != null && !day.isBefore(ownerChangedOn[customer]) ? laterOwner[customer] : owner[customer];
    }

    /** The credit limit the order system applies on a day, in cents. */
    long limitAt(int customer, LocalDate day) {
        return limitChangedOn[customer] != null && !day.isBefore(limitChangedOn[customer]) ? laterLimit[customer] : limit[customer];
    }

    /**
     * Each customer's accepted orders that are not yet settled, as a min-heap by settle time, with their
     * running sum: the exposure the order system checks against the credit limit. O(log n) per order.
     */
    static final class Exposure {
        private final long[][] settle;
        private final long[][] amount;
        private final int[] size;
        private final long[] sum;

        Exposure(int customers) {
            settle = new long[customers][];
            amount = new long[customers][];
            size = new int[customers];
            sum = new long[customers];
        }

        /** Open amount (cents) of the customer at the given epoch second, dropping what was settled by then. */
        long at(int c, long epochSecond) {
            while (size[c] > 0 && settle[c][0] <= epochSecond) {
                sum[c] -= amount[c][0];
                removeTop(c);
            }
            return sum[c];
        }

        void add(int c, long cents, long settleEpochSecond) {
            if (settle[c] == null) {
                settle[c] = new long[4];
                amount[c] = new long[4];
            }
            if (size[c] == settle[c].length) {
                settle[c] = Arrays.copyOf(settle[c], size[c] * 2);
                amount[c] = Arrays.copyOf(amount[c], size[c] * 2);
            }
            int i = size[c]++;
            settle[c][i] = settleEpochSecond;
            amount[c][i] = cents;
            sum[c] += cents;
            while (i > 0) {
                int parent = (i - 1) / 2;
                if (settle[c][parent] <= settle[c][i]) {
                    break;
                }
                swap(c, i, parent);
                i = parent;
            }
        }

        private void removeTop(int c) {
            int last = --size[c];
            settle[c][0] = settle[c][last];
            amount[c][0] = amount[c][last];
            int i = 0;
            while (true) {
                int left = 2 * i + 1;
                int right = left + 1;
                int smallest = i;
                if (left < last && settle[c][left] < settle[c][smallest]) {
                    smallest = left;
                }
                if (right < last && settle[c][right] < settle[c][smallest]) {
                    smallest = right;
                }
                if (smallest == i) {
                    return;
                }
                swap(c, i, smallest);
                i = smallest;
            }
        }

        private void swap(int c, int i, int j) {
            long s = settle[c][i];
            settle[c][i] = settle[c][j];
            settle[c][j] = s;
            long a = amount[c][i];
            amount[c][i] = amount[c][j];
            amount[c][j] = a;
        }
    }
}
