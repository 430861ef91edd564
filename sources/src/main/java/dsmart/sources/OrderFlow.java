package dsmart.sources;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Every order's whole life, written as it is generated: proposal and contract, the order and its lines,
 * the credit check, production, inspection, shipment, return, invoice, credit note, receipts and their
 * allocation, collection actions, write-off, and after-sales (follow-up visit, ticket, complaint, survey).
 * Orders are generated in time order, month by month; nothing is kept per order once it is written,
 * only per customer (open receivables) and per rep (month's sales).
 */
final class OrderFlow {
    /** Orders per month relative to the mean, January first: Spring Festival dip in Jan/Feb, peak in Nov/Dec. */
    static final double[] SEASON = {0.85, 0.55, 0.95, 1.0, 1.05, 1.1, 0.95, 0.95, 1.05, 1.1, 1.2, 1.25};
    /** Collection follow-up levels (days past due) and their action (P-5.2; issue 5's defaults). */
    static final int[] COLLECTION_DAYS = {7, 30, 60, 90};
    static final String[] COLLECTION_ACTIONS = {"reminder", "call", "visit", "escalation"};
    /** Days after a level is reached within which its action is logged while the invoice is open. */
    static final int COLLECTION_GRACE_DAYS = 2;
    /** Days past due after which a defaulter's invoice is written off. */
    static final int WRITE_OFF_DAYS = 180;
    static final int COMPLAINT_DEADLINE_DAYS = 15;

    private final World w;
    private final Organisation org;
    private final CustomerBook book;
    private final Products products;
    private final Monthly monthly;

    long orders;
    long lines;
    long invoices;
    private long orderSeq;
    private long contractId;
    private long overrideId;
    private long productionId;
    private long inspectionId;
    private long shipmentId;
    private long returnId;
    private long invoiceId;
    private long creditNoteId;
    private long receiptId;
    private long allocationId;
    private long actionId;
    private long writeOffId;
    private long ticketId;
    private long ticketUpdateId;
    private long complaintId;
    private long surveyId;

    OrderFlow(World w, Organisation org, CustomerBook book, Products products, Monthly monthly) {
        this.w = w;
        this.org = org;
        this.book = book;
        this.products = products;
        this.monthly = monthly;
    }

    record Line(int product, int quantity, BigDecimal unitPrice, BigDecimal discount, BigDecimal amount) {}

    /** A contract as the orders under it see it; id 0 means the order has none. */
    record Contract(long id, long amountCents, LocalDateTime signedAt) {}

    /** What an order is before it is written; a duplicate entry reuses its original's plan. */
    record Plan(int customer, int rep, String channel, LocalDateTime at, boolean confirmed, List<Line> lines, long amountCents,
            long discountCents, Long duplicateOf) {}

    /** All orders of one month, in time order. */
    void month(LocalDate month, dsmart.lake.Progress progress) throws SQLException {
        double monthlyMean = book.count * (double) CustomerBook.ORDERS_PER_CUSTOMER_YEAR / 12;
        int count = (int) Math.round(monthlyMean * SEASON[month.getMonthValue() - 1] * (0.9 + w.rnd() * 0.2));
        long[] times = new long[count];
        for (int k = 0; k < count; k++) {
            LocalDate day = month.plusDays(w.random.nextInt(month.lengthOfMonth()));
            LocalDateTime at = w.utc(day.atTime(LocalTime.of(7 + w.random.nextInt(17), w.random.nextInt(60), w.random.nextInt(60))));
            times[k] = at.toEpochSecond(ZoneOffset.UTC);
        }
        Arrays.sort(times);
        for (long time : times) {
            order(LocalDateTime.ofEpochSecond(time, 0, ZoneOffset.UTC));
            progress.add(1);
        }
    }

    private void order(LocalDateTime at) throws SQLException {
        int c = book.pick();
        if (!book.existsAt(c, at.toEpochSecond(ZoneOffset.UTC)) || (book.deletedAt[c] != null && !at.isBefore(book.deletedAt[c]))) {
            return;
        }
        LocalDate day = w.day(at);
        boolean confirmed = !w.chance(0.04);
        int rep = -1;
        if (confirmed) {
            int early = org.earlySeller(book.region[c], day);
            if (early >= 0 && w.chance(0.35)) {
                rep = early;
                org.soldEarly(early);
            }
        }
        if (rep < 0) {
            rep = w.chance(0.8) ? book.ownerAt(c, day) : org.pickSeller(book.region[c], day, day);
            if (!org.canSell(rep, day)) {
                rep = org.pickSeller(book.region[c], day, day);
            }
        }
        String channel = Names.CHANNELS[w.pickWeighted(book.consumer[c] ? new double[] {0.3, 0.6, 0.1} : new double[] {0.35, 0.3, 0.35})];
        int count = 1 + w.random.nextInt(4);
        List<Line> lineList = new ArrayList<>(count);
        long amount = 0;
        long discount = 0;
        for (int l = 0; l < count; l++) {
            int product = w.random.nextInt(products.count());
            int quantity = 1 + (int) Math.floor(Math.pow(w.rnd(), 3) * 20);
            BigDecimal unitPrice = World.money(products.price(product).doubleValue() * (0.9 + w.rnd() * 0.15));
            BigDecimal gross = unitPrice.multiply(BigDecimal.valueOf(quantity));
            BigDecimal lineDiscount = w.rnd() < 0.3 ? World.money(gross.doubleValue() * w.rnd() * 0.15) : BigDecimal.ZERO.setScale(2);
            BigDecimal lineAmount = gross.subtract(lineDiscount).setScale(2, RoundingMode.HALF_UP);
            lineList.add(new Line(product, quantity, unitPrice, lineDiscount, lineAmount));
            amount += World.toCents(lineAmount);
            discount += World.toCents(lineDiscount);
        }
        Plan plan = new Plan(c, rep, channel, at, confirmed, lineList, amount, discount, null);
        Contract contract = contract(plan);
        long orderId = emit(plan, contract);
        if (confirmed) {
            w.truth.population(Rule.DUPLICATE_ORDER);
            if (w.plant(Rule.DUPLICATE_ORDER)) {
                LocalDateTime again = at.plusMinutes(w.between(2, 30));
                if (w.visible(again)) {
                    Plan duplicate = new Plan(c, rep, channel, again, true, lineList, amount, discount, orderId);
                    long id = emit(duplicate, contract);
                    w.truth.population(Rule.DUPLICATE_ORDER);
                    w.truth.record(Rule.DUPLICATE_ORDER, id, (long) rep + 1, (long) c + 1, w.day(again),
                            "order " + id + " repeats order " + orderId + " (same customer, rep, lines and amount, entered "
                                    + java.time.Duration.between(at, again).toMinutes() + " minutes later)");
                }
            }
        }
    }

    // --- contract ---------------------------------------------------------------------------------------

    /** The proposal (business customers) and contract an order is placed under; some breaches planted here. */
    private Contract contract(Plan p) throws SQLException {
        int c = p.customer();
        boolean missing = false;
        boolean signedLate = false;
        if (p.confirmed()) {
            if (w.plant(Rule.ORDER_WITHOUT_SIGNED_CONTRACT)) {
                missing = w.chance(0.7);
                signedLate = !missing;
            }
        }
        if (missing) {
            return new Contract(0, 0, null);
        }
        LocalDateTime at = p.at();
        LocalDateTime signed;
        LocalDateTime reviewed;
        LocalDateTime drafted;
        if (signedLate) {
            drafted = at.minusMinutes(w.between(60, 2 * 24 * 60));
            reviewed = drafted.plusMinutes(w.between(30, 24 * 60));
            signed = World.max(at.plusMinutes(w.between(60, 5 * 24 * 60)), reviewed.plusMinutes(30));
        } else {
            signed = at.minusMinutes(w.between(30, 5 * 24 * 60));
            reviewed = signed.minusMinutes(w.between(60, 3 * 24 * 60));
            drafted = reviewed.minusMinutes(w.between(60, 2 * 24 * 60));
        }
        boolean signedVisible = w.visible(signed);
        boolean noReview = false;
        if (signedVisible) {
            w.truth.population(Rule.CONTRACT_WITHOUT_LEGAL_REVIEW);
            if (w.plant(Rule.CONTRACT_WITHOUT_LEGAL_REVIEW)) {
                noReview = true;
                reviewed = w.chance(0.6) ? null : signed.plusMinutes(w.between(60, 2 * 24 * 60));
            }
        }
        long amount = p.amountCents();
        if (p.confirmed()) {
            if (w.plant(Rule.ORDER_AMOUNT_NOT_CONTRACT_AMOUNT)) {
                double factor = (w.chance(0.5) ? 1 : -1) * (0.02 + w.rnd() * 0.08);
                amount = Math.max(100, Math.round(p.amountCents() * (1 + factor) / 100.0) * 100);
                if (amount == p.amountCents()) {
                    amount += 100;
                }
            }
        }
        long proposal = proposal(p, drafted);
        long id = ++contractId;
        LocalDateTime reviewedSeen = w.seen(reviewed);
        LocalDateTime signedSeen = w.seen(signed);
        LocalDateTime copies = signedSeen == null ? null : w.seen(signed.plusMinutes(w.between(30, 24 * 60)));
        LocalDateTime archived = signedSeen == null ? null : w.seen(signed.plusMinutes(w.between(2 * 24 * 60, 20 * 24 * 60)));
        String status = signedSeen != null ? "signed" : reviewedSeen != null ? "under_review" : "draft";
        boolean electronic = p.channel().equals("online");
        LocalDateTime updated = World.max(World.max(World.max(drafted, reviewedSeen), World.max(signedSeen, copies)), archived);
        w.t.contracts.row(id, String.format("HT%s%07d", yearMonth(w.day(drafted)), id), (long) c + 1, (long) p.rep() + 1,
                proposal == 0 ? null : proposal, electronic ? "electronic" : "standard", World.cents(amount),
                CustomerBook.TERMS[book.terms[c]], drafted, reviewedSeen, reviewedSeen == null ? null : w.pick(Names.LEGAL), signedSeen,
                signedSeen == null ? null : electronic ? "电子签约" : w.personName(), signedSeen == null ? null : org.name[p.rep()],
                copies, archived != null, archived, status, updated);
        if (noReview) {
            w.truth.record(Rule.CONTRACT_WITHOUT_LEGAL_REVIEW, id, (long) p.rep() + 1, (long) c + 1, w.day(signed),
                    reviewedSeen == null ? "contract signed " + signed + " without legal review"
                            : "contract signed " + signed + ", legal review only at " + reviewedSeen);
        }
        return new Contract(id, amount, signedSeen);
    }

    /** A tailored proposal for business customers (the lead's accepted one for a new customer's first order). */
    private long proposal(Plan p, LocalDateTime drafted) throws SQLException {
        int c = p.customer();
        if (book.pendingProposal[c] != 0) {
            long id = book.pendingProposal[c];
            book.pendingProposal[c] = 0;
            return id;
        }
        LocalDateTime proposed = drafted.minusMinutes(w.between(60, 7 * 24 * 60));
        if (p.channel().equals("door_to_door")) {
            LocalDateTime visit = proposed.minusMinutes(w.between(60, 3 * 24 * 60));
            w.t.visits.row(book.nextVisitId(), (long) p.rep() + 1, (long) c + 1, null, "on_site", "negotiation", visit, visit, "done",
                    null, false, "上门洽谈", visit);
        }
        if (book.consumer[c]) {
            return 0;
        }
        long id = book.nextProposalId();
        StringBuilder spec = new StringBuilder();
        for (Line line : p.lines()) {
            spec.append(spec.length() == 0 ? "" : "、").append(products.name(line.product())).append('x').append(line.quantity());
        }
        w.t.proposals.row(id, (long) c + 1, null, (long) p.rep() + 1, proposed, spec.toString(),
                World.cents(p.amountCents() + p.discountCents()), World.cents(p.discountCents()), needsProduction(p) ? 21 : 7,
                w.pick(Names.PROMISES), "accepted", drafted, drafted);
        return id;
    }

    private boolean needsProduction(Plan p) {
        for (Line line : p.lines()) {
            if (products.madeToOrder(line.product())) {
                return true;
            }
        }
        return false;
    }

    private static String yearMonth(LocalDate day) {
        return String.format("%04d%02d", day.getYear(), day.getMonthValue());
    }

    // --- the order ----------------------------------------------------------------------------------------

    /** Writes an order with everything that follows it; returns its id. */
    private long emit(Plan p, Contract contract) throws SQLException {
        int c = p.customer();
        int rep = p.rep();
        LocalDateTime at = p.at();
        LocalDate day = w.day(at);
        long orderId = ++orders;
        w.truth.population(Rule.ORDER_NUMBER_GAP);
        if (w.plant(Rule.ORDER_NUMBER_GAP)) {
            long skipped = ++orderSeq;
            w.truth.record(Rule.ORDER_NUMBER_GAP, orderNo(day, skipped), null, null, day,
                    "order number " + orderNo(day, skipped) + " never used (sequence " + skipped + ")");
            w.truth.population(Rule.ORDER_NUMBER_GAP);
        }
        String orderNo = orderNo(day, ++orderSeq);
        int terms = book.terms[c];
        boolean production = needsProduction(p);
        long limit = book.limitAt(c, day);
        long exposure = book.exposure.at(c, at.toEpochSecond(ZoneOffset.UTC));
        boolean over = exposure + p.amountCents() > limit;
        LocalDateTime cancelledAt = null;
        if (!p.confirmed()) {
            cancelledAt = at.plusMinutes(w.between(10, 2 * 24 * 60));
            if (!w.visible(cancelledAt)) {
                cancelledAt = w.asOf.minusSeconds(1);
            }
        }
        LocalDateTime updated = cancelledAt != null ? cancelledAt : at.plusMinutes(w.random.nextInt(120));
        if (!w.visible(updated)) {
            updated = at;
        }
        w.t.orderRows.row(orderId, orderNo, (long) c + 1, (long) rep + 1, p.channel(), at, p.confirmed() ? "confirmed" : "cancelled",
                World.cents(p.amountCents()), updated, contract.id() == 0 ? null : contract.id(), CustomerBook.TERMS[terms],
                World.cents(p.discountCents()), day.plusDays(production ? 21 : 7), World.cents(limit), World.cents(exposure),
                over ? "over_limit" : "within_limit", cancelledAt);
        int lineNo = 0;
        for (Line line : p.lines()) {
            w.t.orderLines.row(orderId, ++lineNo, (long) line.product() + 1, line.quantity(), line.unitPrice(), line.discount(),
                    line.amount(), at);
        }
        lines += p.lines().size();
        if (!p.confirmed()) {
            return orderId;
        }
        Long repId = (long) rep + 1;
        Long customerId = (long) c + 1;
        w.truth.population(Rule.ORDER_WITHOUT_SIGNED_CONTRACT);
        if (contract.id() != 0) {
            w.truth.population(Rule.ORDER_AMOUNT_NOT_CONTRACT_AMOUNT);
        }
        if (contract.id() == 0 || contract.signedAt() == null || contract.signedAt().isAfter(at)) {
            w.truth.record(Rule.ORDER_WITHOUT_SIGNED_CONTRACT, orderId, repId, customerId, day,
                    contract.id() == 0 ? "order without a contract"
                            : contract.signedAt() == null ? "contract " + contract.id() + " not signed"
                            : "contract " + contract.id() + " signed " + contract.signedAt() + ", after the order");
        }
        if (contract.id() != 0 && contract.amountCents() != p.amountCents()) {
            w.truth.record(Rule.ORDER_AMOUNT_NOT_CONTRACT_AMOUNT, orderId, repId, customerId, day,
                    "order " + World.cents(p.amountCents()) + " vs contract " + contract.id() + " " + World.cents(contract.amountCents()));
        }
        if (org.passedOn[rep] == null || day.isBefore(org.passedOn[rep])) {
            w.truth.record(Rule.SALE_BEFORE_INDUCTION_PASSED, orderId, repId, customerId, day,
                    "rep " + repId + " hired " + org.hiredOn[rep] + " sold on " + day + ", induction "
                            + (org.passedOn[rep] == null ? "not passed" : "passed " + org.passedOn[rep]));
        }
        if (over) {
            creditOverride(p, orderId, limit, exposure);
        }
        monthly.sold(rep, p.amountCents(), c);
        LocalDateTime delivered = fulfil(p, orderId, production);
        Long returnIdOrNull = null;
        long creditCents = 0;
        LocalDate returnReceived = null;
        if (delivered != null && w.chance(0.03)) {
            long[] result = orderReturn(p, orderId, delivered);
            if (result != null) {
                returnIdOrNull = result[0];
                creditCents = result[1];
                returnReceived = result[2] < 0 ? null : LocalDate.ofEpochDay(result[2]);
            }
        }
        LocalDate settled = invoice(p, orderId, day, terms, returnIdOrNull, creditCents, returnReceived);
        book.exposure.add(c, p.amountCents(), settled == null ? Long.MAX_VALUE
                : w.startOf(settled.plusDays(1)).toEpochSecond(ZoneOffset.UTC));
        if (delivered != null) {
            afterSales(p, orderId, delivered);
        }
        return orderId;
    }

    private static String orderNo(LocalDate day, long seq) {
        return String.format("SO%s%07d", yearMonth(day), seq);
    }

    private void creditOverride(Plan p, long orderId, long limit, long exposure) throws SQLException {
        w.truth.population(Rule.OVER_CREDIT_LIMIT_WITHOUT_OVERRIDE);
        LocalDateTime approved = p.at().minusMinutes(w.between(1, 29));
        LocalDateTime requested = approved.minusMinutes(w.between(5, 200));
        Long repId = (long) p.rep() + 1;
        if (w.plant(Rule.OVER_CREDIT_LIMIT_WITHOUT_OVERRIDE)) {
            boolean rejected = w.chance(0.3);
            if (rejected) {
                w.t.creditOverrides.row(++overrideId, orderId, (long) p.customer() + 1, repId, requested, World.cents(limit),
                        World.cents(exposure), World.cents(p.amountCents()), "rejected", w.pick(Names.FINANCE_APPROVERS), null, approved);
            }
            w.truth.record(Rule.OVER_CREDIT_LIMIT_WITHOUT_OVERRIDE, orderId, repId, (long) p.customer() + 1, w.day(p.at()),
                    "exposure " + World.cents(exposure) + " + order " + World.cents(p.amountCents()) + " > limit " + World.cents(limit)
                            + (rejected ? "; override " + overrideId + " rejected" : "; no override"));
            return;
        }
        w.t.creditOverrides.row(++overrideId, orderId, (long) p.customer() + 1, repId, requested, World.cents(limit), World.cents(exposure),
                World.cents(p.amountCents()), "approved", w.pick(Names.FINANCE_APPROVERS), approved, approved);
    }

    // --- production, inspection, shipping -----------------------------------------------------------------

    /** Production, inspection and shipment; returns the delivery time when delivered before the snapshot. */
    private LocalDateTime fulfil(Plan p, long orderId, boolean production) throws SQLException {
        LocalDateTime at = p.at();
        LocalDate day = w.day(at);
        LocalDateTime ready = at.plusMinutes(w.between(60, 2 * 24 * 60));
        Long lastProduction = null;
        if (production) {
            int lineNo = 0;
            for (Line line : p.lines()) {
                lineNo++;
                if (!products.madeToOrder(line.product())) {
                    continue;
                }
                LocalDate scheduled = day.plusDays(1);
                LocalDateTime started = w.during(scheduled, 8, 12);
                LocalDateTime completed = started.plusMinutes(w.between(2 * 24 * 60, 8 * 24 * 60));
                ready = World.max(ready, completed);
                if (!w.visible(scheduled)) {
                    continue;
                }
                LocalDateTime startedSeen = w.seen(started);
                LocalDateTime completedSeen = w.seen(completed);
                lastProduction = ++productionId;
                w.t.productionOrders.row(lastProduction, orderId, lineNo, (long) line.product() + 1, line.quantity(), scheduled,
                        startedSeen, completedSeen, completedSeen != null ? "completed" : startedSeen != null ? "in_progress" : "scheduled",
                        World.max(World.max(at, startedSeen), completedSeen));
            }
        }
        boolean uninspected = w.plant(Rule.SHIPMENT_WITHOUT_PASSED_INSPECTION);
        int variant = uninspected ? w.pickWeighted(new double[] {0.5, 0.25, 0.25}) : -1;
        LocalDateTime shipped;
        List<Object[]> inspections = new ArrayList<>();
        String breach = null;
        if (variant == 0) {
            shipped = ready.plusMinutes(w.between(60, 24 * 60));
            breach = "shipped without any inspection";
        } else if (variant == 1) {
            LocalDateTime failed = ready.plusMinutes(w.between(60, 240));
            inspections.add(new Object[] {failed, "failed"});
            shipped = failed.plusMinutes(w.between(60, 24 * 60));
            breach = "shipped after a failed inspection only";
        } else if (variant == 2) {
            shipped = ready.plusMinutes(w.between(60, 12 * 60));
            LocalDateTime passed = shipped.plusMinutes(w.between(60, 2 * 24 * 60));
            inspections.add(new Object[] {passed, "passed"});
            breach = "inspection passed only at " + passed + ", after shipping";
        } else {
            LocalDateTime first = ready.plusMinutes(w.between(60, 240));
            LocalDateTime passed = first;
            if (w.chance(0.03)) {
                inspections.add(new Object[] {first, "failed"});
                passed = first.plusMinutes(w.between(24 * 60, 3 * 24 * 60));
            }
            inspections.add(new Object[] {passed, "passed"});
            shipped = passed.plusMinutes(w.between(60, 24 * 60));
        }
        for (Object[] inspection : inspections) {
            LocalDateTime when = (LocalDateTime) inspection[0];
            if (w.visible(when)) {
                boolean passed = inspection[1].equals("passed");
                w.t.inspections.row(++inspectionId, orderId, lastProduction, when, w.pick(Names.INSPECTORS), inspection[1],
                        passed ? 0 : w.between(1, 5), passed ? null : "外观或功能不合格，返工", when);
            }
        }
        if (!w.visible(shipped)) {
            return null;
        }
        w.truth.population(Rule.SHIPMENT_WITHOUT_PASSED_INSPECTION);
        w.truth.population(Rule.TRACKING_NOT_SENT);
        int carrier = w.random.nextInt(Names.CARRIERS.length);
        String tracking = Names.CARRIER_PREFIX[carrier] + String.format("%012d", w.random.nextLong(1_000_000_000_000L));
        LocalDateTime sent = shipped.plusMinutes(w.between(5, 180));
        if (!w.visible(sent)) {
            sent = w.asOf.minusSeconds(1);
        }
        boolean notSent = w.plant(Rule.TRACKING_NOT_SENT);
        String trackingBreach = null;
        if (notSent) {
            sent = null;
            if (w.chance(0.25)) {
                tracking = null;
                trackingBreach = "shipped without a tracking number";
            } else {
                trackingBreach = "tracking number " + tracking + " never sent to the customer";
            }
        }
        LocalDateTime delivered = shipped.plusMinutes(w.between(24 * 60, 4 * 24 * 60));
        if (w.chance(0.06)) {
            delivered = delivered.plusMinutes(w.between(3 * 24 * 60, 10 * 24 * 60));
        }
        LocalDateTime deliveredSeen = w.seen(delivered);
        long id = ++shipmentId;
        w.t.shipments.row(id, orderId, Names.CARRIERS[carrier], tracking, shipped, sent, deliveredSeen,
                deliveredSeen != null ? "delivered" : "in_transit", World.max(World.max(shipped, sent), deliveredSeen));
        Long repId = (long) p.rep() + 1;
        Long customerId = (long) p.customer() + 1;
        if (breach != null) {
            w.truth.record(Rule.SHIPMENT_WITHOUT_PASSED_INSPECTION, id, repId, customerId, w.day(shipped), breach);
        }
        if (trackingBreach != null) {
            w.truth.record(Rule.TRACKING_NOT_SENT, id, repId, customerId, w.day(shipped), trackingBreach);
        }
        return deliveredSeen;
    }

    /** A partial return of one line; returns {return id, credited cents, received epoch day or -1}, or null. */
    private long[] orderReturn(Plan p, long orderId, LocalDateTime delivered) throws SQLException {
        LocalDateTime requested = delivered.plusMinutes(w.between(24 * 60, 20 * 24 * 60));
        if (!w.visible(requested)) {
            return null;
        }
        LocalDateTime received = w.seen(requested.plusMinutes(w.between(2 * 24 * 60, 7 * 24 * 60)));
        int index = w.random.nextInt(p.lines().size());
        Line line = p.lines().get(index);
        int quantity = w.between(1, line.quantity());
        BigDecimal amount = line.amount().multiply(BigDecimal.valueOf(quantity)).divide(BigDecimal.valueOf(line.quantity()), 2, RoundingMode.HALF_UP);
        long id = ++returnId;
        String[] reasons = {"质量问题", "型号不符", "客户不再需要", "运输损坏"};
        w.t.returns.row(id, String.format("RT%09d", id), orderId, (long) p.customer() + 1, requested, received, w.pick(reasons), amount,
                received == null ? "requested" : "received", World.max(requested, received));
        w.t.returnLines.row(id, 1, orderId, index + 1, (long) line.product() + 1, quantity, amount, World.max(requested, received));
        return new long[] {id, World.toCents(amount), received == null ? -1 : w.day(received).toEpochDay()};
    }

    // --- finance ------------------------------------------------------------------------------------------

    /** One receipt as planned: when, how much, how much allocated when, and whether it bounced. */
    private record Payment(LocalDate receivedOn, long cents, long allocatedCents, LocalDate allocatedOn, LocalDate bouncedOn) {}

    /**
     * The invoice, credit note, receipts, allocations, collection actions and write-off of an order.
     * Returns the day the invoice was settled (live allocations + credit notes + write-off reach its
     * amount, as the snapshot shows them), or null when it is still open at the snapshot.
     */
    private LocalDate invoice(Plan p, long orderId, LocalDate day, int terms, Long returnRef, long creditCents, LocalDate returnReceived)
            throws SQLException {
        int c = p.customer();
        boolean prepay = terms == 0;
        LocalDate issued = prepay ? day : day.plusDays(w.between(0, 5));
        if (!w.visible(issued)) {
            return null;
        }
        LocalDate due = issued.plusDays(CustomerBook.TERM_DAYS[terms]);
        long amount = p.amountCents();
        long id = ++invoiceId;
        invoices++;
        w.t.invoices.row(id, String.format("INV%09d", id), orderId, (long) c + 1, issued, due, World.cents(amount), w.during(issued, 9, 18),
                CustomerBook.TERMS[terms]);
        LocalDate creditDay = null;
        if (returnRef != null && returnReceived != null) {
            LocalDate cn = returnReceived.plusDays(w.between(1, 5));
            if (w.visible(cn)) {
                creditDay = cn;
                long noteId = ++creditNoteId;
                w.t.creditNotes.row(noteId, String.format("CN%09d", noteId), id, (long) c + 1, returnRef, cn, World.cents(creditCents),
                        "return", w.during(cn, 9, 18));
            }
        }
        // when and how the customer pays
        LocalDate payDay;
        int behaviour = book.payer[c];
        if (prepay) {
            payDay = day;
        } else if (behaviour == CustomerBook.ON_TIME) {
            payDay = due.minusDays(w.between(0, Math.min(20, CustomerBook.TERM_DAYS[terms])));
        } else if (behaviour == CustomerBook.DEFAULTER && !due.isBefore(book.defaultsFrom[c])) {
            payDay = null;
        } else {
            payDay = due.plusDays(Math.min(200, 5 + Math.round(Math.exp(2.8 + 0.7 * gaussian()))));
        }
        List<Payment> payments = new ArrayList<>();
        if (payDay != null) {
            long net = amount - (creditDay != null && !creditDay.isAfter(payDay) ? creditCents : 0);
            if (net > 0) {
                if (!prepay && w.chance(0.08)) {
                    long first = Math.round(net * (0.3 + 0.4 * w.rnd()));
                    plan(payments, payDay, first);
                    plan(payments, payDay.plusDays(w.between(10, 40)), net - first);
                } else {
                    plan(payments, payDay, net);
                }
            }
        }
        // the rows, and what the snapshot shows as settling the invoice
        List<long[]> credits = new ArrayList<>();
        if (creditDay != null) {
            credits.add(new long[] {creditDay.toEpochDay(), creditCents});
        }
        for (Payment payment : payments) {
            if (!w.visible(payment.receivedOn())) {
                continue;
            }
            long receipt = ++receiptId;
            boolean bounced = payment.bouncedOn() != null && w.visible(payment.bouncedOn());
            String status = bounced ? (w.chance(0.3) ? "reversed" : "bounced") : "cleared";
            w.t.receipts.row(receipt, String.format("RC%09d", receipt), (long) c + 1, payment.receivedOn(), World.cents(payment.cents()),
                    w.pick(new String[] {"bank_transfer", "bank_transfer", "online", "cheque", "cash"}),
                    "BR" + String.format("%010d", w.random.nextLong(10_000_000_000L)), status, bounced ? payment.bouncedOn() : null,
                    w.during(bounced ? payment.bouncedOn() : payment.receivedOn(), 9, 18));
            boolean allocationExists = w.visible(payment.allocatedOn()) && !(bounced && !payment.bouncedOn().isAfter(payment.allocatedOn()));
            if (allocationExists) {
                w.t.allocations.row(++allocationId, receipt, id, payment.allocatedOn(), World.cents(payment.allocatedCents()),
                        w.during(bounced ? payment.bouncedOn() : payment.allocatedOn(), 9, 18), bounced);
                if (!bounced) {
                    credits.add(new long[] {payment.allocatedOn().toEpochDay(), payment.allocatedCents()});
                }
            }
        }
        if (!prepay && !book.consumer[c] && w.chance(0.005)) {
            // an advance payment nobody allocates: it stays on account as the customer's credit
            LocalDate on = issued.plusDays(w.between(1, 40));
            if (w.visible(on)) {
                long receipt = ++receiptId;
                w.t.receipts.row(receipt, String.format("RC%09d", receipt), (long) c + 1, on, World.cents(w.between(1, 5) * 10_000_00L),
                        "bank_transfer", "BR" + String.format("%010d", w.random.nextLong(10_000_000_000L)), "cleared", null, w.during(on, 9, 18));
            }
        }
        LocalDate settled = settledOn(credits, amount);
        if (settled == null && payDay == null) {
            settled = writeOff(c, id, due, amount, credits);
        }
        collections(p, id, due, settled);
        return settled;
    }

    /** A receipt (some bounce and are paid again, some are over-paid, some allocated days later). */
    private void plan(List<Payment> payments, LocalDate on, long cents) {
        long extra = w.chance(0.01) ? w.between(1, 500) * 100L : 0;
        LocalDate allocated = w.chance(0.04) ? on.plusDays(w.between(3, 30)) : on;
        if (w.chance(0.015)) {
            LocalDate bounced = on.plusDays(w.between(1, 5));
            payments.add(new Payment(on, cents + extra, cents, allocated, bounced));
            LocalDate again = bounced.plusDays(w.between(3, 10));
            payments.add(new Payment(again, cents, cents, again, null));
            return;
        }
        payments.add(new Payment(on, cents + extra, cents, allocated, null));
    }

    private static LocalDate settledOn(List<long[]> credits, long amount) {
        credits.sort((a, b) -> Long.compare(a[0], b[0]));
        long sum = 0;
        for (long[] credit : credits) {
            sum += credit[1];
            if (sum >= amount) {
                return LocalDate.ofEpochDay(credit[0]);
            }
        }
        return null;
    }

    private LocalDate writeOff(int c, long invoice, LocalDate due, long amount, List<long[]> credits) throws SQLException {
        LocalDate on = due.plusDays(WRITE_OFF_DAYS + w.between(0, 10));
        long open = amount - credits.stream().mapToLong(credit -> credit[1]).sum();
        if (!w.visible(on) || open <= 0) {
            return null;
        }
        long id = ++writeOffId;
        LocalDate approved = on.minusDays(w.between(1, 5));
        w.t.writeOffs.row(id, invoice, (long) c + 1, on, World.cents(open), "客户失联，催收无果，确认坏账", w.pick(Names.FINANCE_APPROVERS), approved,
                "WO-EV-" + id, w.during(on, 9, 18));
        return on;
    }

    /** Follow-ups at each level reached while the invoice is open; some missed (rule COLLECTION_ACTION_MISSED). */
    private void collections(Plan p, long invoice, LocalDate due, LocalDate settled) throws SQLException {
        int c = p.customer();
        for (int level = 0; level < COLLECTION_DAYS.length; level++) {
            LocalDate reached = due.plusDays(COLLECTION_DAYS[level]);
            LocalDate graceEnd = reached.plusDays(COLLECTION_GRACE_DAYS);
            if (!graceEnd.isBefore(w.asOfDate) || (settled != null && !settled.isAfter(graceEnd))) {
                continue;
            }
            w.truth.population(Rule.COLLECTION_ACTION_MISSED);
            int rep = serviceRep(p.rep(), c, reached);
            if (w.plant(Rule.COLLECTION_ACTION_MISSED)) {
                w.truth.record(Rule.COLLECTION_ACTION_MISSED, invoice + "@" + COLLECTION_DAYS[level], (long) rep + 1, (long) c + 1, reached,
                        COLLECTION_ACTIONS[level] + " due " + reached + " (" + COLLECTION_DAYS[level] + " days past due " + due
                                + ") never logged");
                continue;
            }
            LocalDate on = reached.plusDays(w.between(0, COLLECTION_GRACE_DAYS));
            String action = level == 2 && w.chance(0.4) ? "letter" : COLLECTION_ACTIONS[level];
            String[] outcomes = {"客户承诺近期付款", "客户称资金紧张", "无人接听", "已发送催款函"};
            w.t.collectionActions.row(++actionId, invoice, (long) c + 1, (long) rep + 1, action, on, (int) (on.toEpochDay() - due.toEpochDay()),
                    w.pick(outcomes), w.during(on, 9, 18));
        }
    }

    /** The rep who serves the customer on a day: the order's rep while employed, else the customer's owner. */
    private int serviceRep(int rep, int c, LocalDate day) {
        if (org.employed(rep, day)) {
            return rep;
        }
        int owner = book.ownerAt(c, day);
        return org.employed(owner, day) ? owner : org.pickSeller(book.region[c], day, day);
    }

    private double gaussian() {
        double u = Math.max(w.rnd(), 1e-12);
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * w.rnd());
    }

    // --- after-sales ----------------------------------------------------------------------------------------

    private void afterSales(Plan p, long orderId, LocalDateTime delivered) throws SQLException {
        int c = p.customer();
        LocalDate deliveredDay = w.day(delivered);
        int rep = serviceRep(p.rep(), c, deliveredDay);
        double skill = Math.min(org.skill[rep], 2);
        Long customerId = (long) c + 1;
        // follow-up visit after delivery (P-3.4)
        boolean judged = !delivered.plusDays(w.followUpDays).isAfter(w.asOf);
        if (judged) {
            w.truth.population(Rule.NO_FOLLOW_UP_AFTER_DELIVERY);
        }
        if (w.plant(Rule.NO_FOLLOW_UP_AFTER_DELIVERY)) {
            if (judged) {
                w.truth.record(Rule.NO_FOLLOW_UP_AFTER_DELIVERY, orderId, (long) rep + 1, customerId, deliveredDay,
                        "delivered " + delivered + ", no follow-up within " + w.followUpDays + " days");
            }
        } else {
            LocalDateTime planned = delivered.plusMinutes(w.between(60, w.followUpDays * 24 * 60 - 1));
            String type = new String[] {"phone", "email", "on_site"}[w.pickWeighted(new double[] {0.5, 0.2, 0.3})];
            LocalDateTime done = w.seen(planned);
            w.t.visits.row(book.nextVisitId(), (long) rep + 1, customerId, null, type, "after_delivery", planned, done,
                    done == null ? "planned" : "done", orderId, true, "交付后回访", done == null ? delivered : done);
        }
        // service ticket
        Long ticket = null;
        if (w.chance(Math.max(0.03, Math.min(0.15, 0.08 * (1.5 - 0.5 * skill))))) {
            ticket = ticket(p, orderId, rep, deliveredDay);
        }
        // complaint
        boolean complained = false;
        if (w.chance(Math.max(0.005, Math.min(0.05, 0.02 * (1.8 - 0.8 * skill))))) {
            complained = complaint(p, orderId, rep, deliveredDay, ticket);
        }
        // satisfaction survey after delivery (P-6.2)
        if (w.chance(0.3)) {
            LocalDateTime sent = delivered.plusMinutes(w.between(3 * 24 * 60, 10 * 24 * 60));
            if (w.visible(sent)) {
                LocalDateTime answered = w.chance(0.55) ? w.seen(sent.plusMinutes(w.between(60, 7 * 24 * 60))) : null;
                Integer score = null;
                if (answered != null) {
                    double mean = 3.7 + 0.8 * (skill - 1) - (complained ? 1.2 : 0);
                    score = (int) Math.max(1, Math.min(5, Math.round(mean + 0.7 * gaussian())));
                }
                w.t.surveys.row(++surveyId, customerId, (long) rep + 1, orderId, null, "post_delivery", sent, answered, score,
                        score == null ? null : score >= 4 ? "满意" : score == 3 ? "一般" : "不满意", answered == null ? sent : answered);
            }
        }
    }

    private Long ticket(Plan p, long orderId, int rep, LocalDate deliveredDay) throws SQLException {
        LocalDate openedDay = deliveredDay.plusDays(w.between(1, 30));
        LocalDateTime opened = w.during(openedDay, 8, 22);
        if (!w.visible(opened)) {
            return null;
        }
        int n = w.answerWorkingDays;
        boolean complex = w.chance(0.2);
        LocalDate deadlineToAnswer = w.calendar.plusWorkingDays(openedDay, n);
        boolean late = false;
        if (!complex) {
            w.truth.population(Rule.TICKET_ANSWERED_LATE);
            late = w.plant(Rule.TICKET_ANSWERED_LATE);
        }
        LocalDateTime answered;
        if (late) {
            answered = w.during(w.calendar.plusWorkingDays(openedDay, n + w.between(1, 4)), 9, 18);
        } else {
            int k = w.between(0, n);
            answered = w.during(k == 0 ? openedDay : w.calendar.plusWorkingDays(openedDay, k), 9, 18);
            if (!answered.isAfter(opened)) {
                answered = opened.plusMinutes(w.between(10, 120));
            }
        }
        LocalDate deadline = null;
        LocalDateTime resolved;
        List<LocalDateTime> progress = new ArrayList<>();
        boolean noProgress = false;
        if (complex) {
            deadline = openedDay.plusDays(w.between(10, 30));
            resolved = w.during(deadline.plusDays(w.between(-8, 4)), 9, 18);
            if (resolved.isBefore(answered.plusDays(3))) {
                resolved = answered.plusDays(3).plusMinutes(w.between(0, 24 * 60));
            }
            noProgress = w.plant(Rule.COMPLEX_TICKET_WITHOUT_PROGRESS);
            if (!noProgress) {
                LocalDateTime next = answered.plusMinutes(w.between(24 * 60, 2 * 24 * 60));
                while (next.isBefore(resolved)) {
                    progress.add(next);
                    next = next.plusMinutes(w.between(2 * 24 * 60, 6 * 24 * 60));
                }
            }
        } else {
            resolved = answered.plusMinutes(w.between(30, 2 * 24 * 60));
        }
        LocalDateTime answeredSeen = w.seen(answered);
        LocalDateTime resolvedSeen = w.seen(resolved);
        String status = resolvedSeen != null ? "resolved" : answeredSeen == null ? "open" : complex ? "in_progress" : "answered";
        LocalDateTime updated = World.max(World.max(opened, answeredSeen), resolvedSeen);
        for (LocalDateTime time : progress) {
            updated = World.max(updated, w.seen(time));
        }
        long id = ++ticketId;
        Line line = p.lines().get(0);
        w.t.serviceTickets.row(id, String.format("TK%09d", id), (long) p.customer() + 1, (long) rep + 1, orderId, (long) line.product() + 1,
                complex ? "complex" : "ordinary", w.pick(Names.TICKET_SUBJECTS), opened, answeredSeen, deadline, resolvedSeen, status, updated);
        if (answeredSeen != null) {
            w.t.ticketUpdates.row(++ticketUpdateId, id, (long) rep + 1, "answer", answered, "已联系客户并给出初步答复", answered);
        }
        for (LocalDateTime time : progress) {
            if (w.visible(time)) {
                w.t.ticketUpdates.row(++ticketUpdateId, id, (long) rep + 1, "progress", time, "处理进展通报", time);
            }
        }
        if (resolvedSeen != null) {
            w.t.ticketUpdates.row(++ticketUpdateId, id, (long) rep + 1, "resolution", resolved, "问题已解决", resolved);
        }
        Long repId = (long) rep + 1;
        if (late && deadlineToAnswer.isBefore(w.asOfDate)) {
            w.truth.record(Rule.TICKET_ANSWERED_LATE, id, repId, (long) p.customer() + 1, openedDay,
                    "opened " + openedDay + ", answer due by " + deadlineToAnswer + " (" + n + " working days), "
                            + (answeredSeen == null ? "not answered" : "answered " + w.day(answered)));
        }
        if (complex && resolvedSeen != null) {
            w.truth.population(Rule.COMPLEX_TICKET_WITHOUT_PROGRESS);
            if (noProgress) {
                w.truth.record(Rule.COMPLEX_TICKET_WITHOUT_PROGRESS, id, repId, (long) p.customer() + 1, w.day(resolved),
                        "complex ticket opened " + openedDay + ", resolved " + w.day(resolved) + " without a progress update");
            }
        }
        return id;
    }

    private boolean complaint(Plan p, long orderId, int rep, LocalDate deliveredDay, Long ticket) throws SQLException {
        LocalDate openedDay = deliveredDay.plusDays(w.between(1, 40));
        LocalDateTime opened = w.during(openedDay, 8, 21);
        if (!w.visible(opened)) {
            return false;
        }
        w.truth.population(Rule.COMPLAINT_PAST_DEADLINE);
        LocalDate deadline = openedDay.plusDays(COMPLAINT_DEADLINE_DAYS);
        boolean overdue = w.plant(Rule.COMPLAINT_PAST_DEADLINE);
        LocalDateTime investigated;
        LocalDateTime answered;
        LocalDateTime closed;
        if (overdue) {
            closed = w.during(deadline.plusDays(w.between(1, 20)), 9, 18);
            investigated = opened.plusMinutes(w.between(24 * 60, 5 * 24 * 60));
            answered = closed.minusMinutes(w.between(60, 2 * 24 * 60));
            if (!answered.isAfter(investigated)) {
                answered = investigated.plusMinutes(60);
            }
        } else {
            investigated = opened.plusMinutes(w.between(4 * 60, 4 * 24 * 60));
            answered = investigated.plusMinutes(w.between(4 * 60, 4 * 24 * 60));
            closed = answered.plusMinutes(w.between(60, 3 * 24 * 60));
        }
        LocalDateTime investigatedSeen = w.seen(investigated);
        LocalDateTime answeredSeen = w.seen(answered);
        LocalDateTime closedSeen = w.seen(closed);
        String status = closedSeen != null ? "closed" : answeredSeen != null ? "answered" : investigatedSeen != null ? "investigating" : "open";
        int category = w.random.nextInt(Names.COMPLAINT_CATEGORIES.length);
        long id = ++complaintId;
        w.t.complaints.row(id, String.format("CP%09d", id), (long) p.customer() + 1, (long) rep + 1, orderId,
                ticket != null && w.chance(0.3) ? ticket : null, Names.COMPLAINT_CATEGORIES[category], Names.COMPLAINT_TEXT[category], opened,
                deadline, w.pick(Names.COMPLAINT_TEAM), investigatedSeen, investigatedSeen == null ? null : Names.ROOT_CAUSES[category],
                answeredSeen, closedSeen, status, World.max(World.max(opened, investigatedSeen), World.max(answeredSeen, closedSeen)));
        if (overdue && deadline.isBefore(w.asOfDate)) {
            w.truth.record(Rule.COMPLAINT_PAST_DEADLINE, id, (long) rep + 1, (long) p.customer() + 1, deadline,
                    "complaint opened " + openedDay + ", deadline " + deadline + ", " + (closedSeen == null ? "still open" : "closed " + w.day(closed)));
        }
        if (closedSeen != null) {
            LocalDateTime sent = closed.plusMinutes(w.between(24 * 60, 3 * 24 * 60));
            if (w.visible(sent)) {
                LocalDateTime answeredSurvey = w.chance(0.7) ? w.seen(sent.plusMinutes(w.between(60, 5 * 24 * 60))) : null;
                Integer score = answeredSurvey == null ? null : overdue ? w.between(1, 3) : w.between(2, 5);
                w.t.surveys.row(++surveyId, (long) p.customer() + 1, (long) rep + 1, orderId, id, "post_complaint", sent, answeredSurvey,
                        score, score == null ? null : score >= 4 ? "处理及时" : "处理较慢", answeredSurvey == null ? sent : answeredSurvey);
            }
        }
        return true;
    }
}
