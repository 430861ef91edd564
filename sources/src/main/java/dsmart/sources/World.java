package dsmart.sources;

import dsmart.lake.BusinessCalendar;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.SplittableRandom;

/**
 * What every part of the generator shares: the one seeded random stream (used in one fixed order, so
 * the same settings give the same rows), time helpers, the policy figures, the truth file and the
 * batched tables of the three databases.
 */
final class World {
    final SplittableRandom random;
    final ZoneId zone;
    final BusinessCalendar calendar;
    final int scale;
    /** First business day of history. */
    final LocalDate start;
    final int months;
    /** The snapshot instant: nothing at or after it exists yet (UTC). */
    final LocalDateTime asOf;
    /** The business day of the snapshot instant (first day not generated). */
    final LocalDate asOfDate;
    final int inductionMinDays;
    final int answerWorkingDays;
    final int followUpDays;
    final Truth truth;
    final Tables t;

    World(SplittableRandom random, ZoneId zone, BusinessCalendar calendar, int scale, LocalDate start, int months,
            int inductionMinDays, int answerWorkingDays, int followUpDays, Truth truth, Tables tables) {
        this.random = random;
        this.zone = zone;
        this.calendar = calendar;
        this.scale = scale;
        this.start = start;
        this.months = months;
        this.asOfDate = start.plusMonths(months);
        this.asOf = utc(asOfDate.atStartOfDay());
        this.inductionMinDays = inductionMinDays;
        this.answerWorkingDays = answerWorkingDays;
        this.followUpDays = followUpDays;
        this.truth = truth;
        this.t = tables;
    }

    // --- randomness ---------------------------------------------------------------------------------

    double rnd() {
        return random.nextDouble();
    }

    boolean chance(double p) {
        return random.nextDouble() < p;
    }

    /** Uniform whole number in [from, to]. */
    int between(int from, int to) {
        return from + random.nextInt(to - from + 1);
    }

    long betweenLong(long from, long to) {
        return from + random.nextLong(to - from + 1);
    }

    <T> T pick(T[] values) {
        return values[random.nextInt(values.length)];
    }

    int pickWeighted(double[] weights) {
        double roll = random.nextDouble();
        for (int i = 0; i < weights.length; i++) {
            roll -= weights[i];
            if (roll < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    /** Planted with the rule's configured rate; counts the planting. */
    boolean plant(Rule rule) {
        double rate = truth.rate(rule);
        boolean planted = rate > 0 && random.nextDouble() < rate;
        if (planted) {
            truth.planted(rule);
        }
        return planted;
    }

    // --- time ---------------------------------------------------------------------------------------

    /** A business-zone wall-clock time as the UTC wall-clock value the sources store. */
    LocalDateTime utc(LocalDateTime business) {
        return ZonedDateTime.of(business, zone).withZoneSameInstant(ZoneOffset.UTC).toLocalDateTime();
    }

    /** The business date of a stored (UTC) time. */
    LocalDate day(LocalDateTime utc) {
        return utc.atOffset(ZoneOffset.UTC).atZoneSameInstant(zone).toLocalDate();
    }

    /** A time on a business day, between the given business hours (UTC value). */
    LocalDateTime during(LocalDate day, int fromHour, int toHour) {
        int seconds = between(fromHour * 3600, toHour * 3600 - 1);
        return utc(day.atTime(LocalTime.ofSecondOfDay(seconds)));
    }

    /** Start of a business day (UTC value). */
    LocalDateTime startOf(LocalDate day) {
        return utc(day.atStartOfDay());
    }

    boolean visible(LocalDateTime utc) {
        return utc != null && utc.isBefore(asOf);
    }

    boolean visible(LocalDate day) {
        return day != null && day.isBefore(asOfDate);
    }

    /** The value if it happened before the snapshot, else null. */
    LocalDateTime seen(LocalDateTime utc) {
        return visible(utc) ? utc : null;
    }

    LocalDate seen(LocalDate day) {
        return visible(day) ? day : null;
    }

    static LocalDateTime max(LocalDateTime a, LocalDateTime b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }

    static LocalDate max(LocalDate a, LocalDate b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }

    LocalDateTime plusMinutes(LocalDateTime time, int from, int to) {
        return time.plusMinutes(between(from, to));
    }

    // --- values -------------------------------------------------------------------------------------

    static BigDecimal money(double value) {
        return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP);
    }

    static BigDecimal cents(long cents) {
        return BigDecimal.valueOf(cents, 2);
    }

    static long toCents(BigDecimal amount) {
        return amount.movePointRight(2).longValueExact();
    }

    String phone() {
        return "1" + pick(new String[] {"3", "5", "8"}) + String.format("%09d", random.nextInt(1_000_000_000));
    }

    String personName() {
        return pick(Names.SURNAMES) + pick(Names.GIVEN);
    }

    /** The batched tables of the three databases, parents registered before children. */
    static final class Tables {
        final Sink crm;
        final Sink orders;
        final Sink finance;
        final Sink.Table regions;
        final Sink.Table positions;
        final Sink.Table teams;
        final Sink.Table reps;
        final Sink.Table repPositions;
        final Sink.Table recruitmentPlans;
        final Sink.Table candidates;
        final Sink.Table trainingRecords;
        final Sink.Table quotas;
        final Sink.Table customers;
        final Sink.Table contacts;
        final Sink.Table leads;
        final Sink.Table visits;
        final Sink.Table proposals;
        final Sink.Table communications;
        final Sink.Table careEvents;
        final Sink.Table serviceTickets;
        final Sink.Table ticketUpdates;
        final Sink.Table complaints;
        final Sink.Table surveys;
        final Sink.Table products;
        final Sink.Table contracts;
        final Sink.Table orderRows;
        final Sink.Table orderLines;
        final Sink.Table creditOverrides;
        final Sink.Table productionOrders;
        final Sink.Table inspections;
        final Sink.Table shipments;
        final Sink.Table returns;
        final Sink.Table returnLines;
        final Sink.Table paymentTerms;
        final Sink.Table creditAssessments;
        final Sink.Table creditLimits;
        final Sink.Table invoices;
        final Sink.Table creditNotes;
        final Sink.Table receipts;
        final Sink.Table allocations;
        final Sink.Table collectionActions;
        final Sink.Table writeOffs;
        final Sink.Table expenses;

        Tables(Sink crm, Sink orders, Sink finance) throws SQLException {
            this.crm = crm;
            this.orders = orders;
            this.finance = finance;
            regions = crm.table("regions", "region_code", "region_name", "updated_at");
            positions = crm.table("positions", "position_level", "position_name", "level_rank", "updated_at");
            teams = crm.table("teams", "team_id", "team_name", "region_code", "updated_at");
            reps = crm.table("reps", "rep_id", "rep_name", "team_id", "position_level", "hired_on", "updated_at", "deleted",
                    "employee_no", "manager_rep_id", "status", "left_on", "phone");
            repPositions = crm.table("rep_positions", "rep_position_id", "rep_id", "position_level", "valid_from", "valid_to", "updated_at");
            recruitmentPlans = crm.table("recruitment_plans", "plan_id", "team_id", "position_level", "headcount", "requirements",
                    "planned_on", "status", "updated_at");
            candidates = crm.table("candidates", "candidate_id", "plan_id", "candidate_name", "applied_on", "cv_passed",
                    "interview1_on", "interview1_passed", "interview2_on", "interview2_passed", "background_check_on",
                    "background_check_passed", "outcome", "hired_rep_id", "updated_at");
            trainingRecords = crm.table("training_records", "training_id", "rep_id", "training_type", "course_name", "start_date",
                    "end_date", "hours", "assessment_result", "assessment_passed_on", "updated_at");
            quotas = crm.table("quotas", "quota_id", "rep_id", "quota_month", "amount", "updated_at");
            customers = crm.table("customers", "customer_id", "customer_name", "region_code", "owner_rep_id", "customer_type",
                    "created_at", "updated_at", "deleted", "credit_group", "industry", "phone", "address", "birthday", "needs");
            contacts = crm.table("contacts", "contact_id", "customer_id", "contact_name", "title", "phone", "email", "birthday",
                    "is_primary", "updated_at", "deleted");
            leads = crm.table("leads", "lead_id", "lead_name", "lead_source", "channel", "region_code", "rep_id", "created_at",
                    "screened_at", "screening_result", "converted_at", "customer_id", "status", "updated_at", "deleted");
            visits = crm.table("visits", "visit_id", "rep_id", "customer_id", "lead_id", "visit_type", "purpose", "planned_at",
                    "done_at", "status", "order_id", "follow_up_after_delivery", "note", "updated_at");
            proposals = crm.table("proposals", "proposal_id", "customer_id", "lead_id", "rep_id", "proposed_at", "spec", "price",
                    "discount", "delivery_days", "after_sales_promise", "status", "decided_at", "updated_at");
            communications = crm.table("communications", "communication_id", "customer_id", "contact_id", "rep_id", "comm_type",
                    "purpose", "occurred_at", "summary", "updated_at");
            careEvents = crm.table("care_events", "care_event_id", "customer_id", "contact_id", "rep_id", "occasion",
                    "occasion_date", "channel", "sent_at", "status", "updated_at");
            serviceTickets = crm.table("service_tickets", "ticket_id", "ticket_no", "customer_id", "rep_id", "order_id", "product_id",
                    "complexity", "subject", "opened_at", "first_answered_at", "deadline_on", "resolved_at", "status", "updated_at");
            ticketUpdates = crm.table("ticket_updates", "ticket_update_id", "ticket_id", "rep_id", "update_type", "occurred_at",
                    "note", "updated_at");
            complaints = crm.table("complaints", "complaint_id", "complaint_no", "customer_id", "rep_id", "order_id", "ticket_id",
                    "category", "description", "opened_at", "deadline_on", "handled_by", "investigated_at", "root_cause",
                    "answered_at", "closed_at", "status", "updated_at");
            surveys = crm.table("satisfaction_surveys", "survey_id", "customer_id", "rep_id", "order_id", "complaint_id",
                    "survey_type", "sent_at", "answered_at", "score", "remark", "updated_at");

            products = orders.table("products", "product_id", "product_name", "category", "unit_cost", "list_price", "updated_at",
                    "requires_production", "active");
            contracts = orders.table("contracts", "contract_id", "contract_no", "customer_id", "rep_id", "proposal_id",
                    "contract_type", "amount", "terms_code", "drafted_at", "legal_reviewed_at", "legal_reviewer", "signed_at",
                    "customer_signatory", "company_signatory", "copies_sent_at", "archived", "archived_at", "status", "updated_at");
            orderRows = orders.table("orders", "order_id", "order_no", "customer_id", "rep_id", "channel", "ordered_at", "status",
                    "amount", "updated_at", "contract_id", "terms_code", "discount_amount", "delivery_promised_on", "credit_limit",
                    "credit_exposure", "credit_status", "cancelled_at");
            orderLines = orders.table("order_lines", "order_id", "line_no", "product_id", "quantity", "unit_price", "discount",
                    "line_amount", "updated_at");
            creditOverrides = orders.table("credit_overrides", "override_id", "order_id", "customer_id", "requested_by_rep_id",
                    "requested_at", "credit_limit", "exposure", "order_amount", "decision", "approver", "approved_at", "updated_at");
            productionOrders = orders.table("production_orders", "production_order_id", "order_id", "line_no", "product_id",
                    "quantity", "scheduled_on", "started_at", "completed_at", "status", "updated_at");
            inspections = orders.table("quality_inspections", "inspection_id", "order_id", "production_order_id", "inspected_at",
                    "inspector", "inspection_result", "defects", "note", "updated_at");
            shipments = orders.table("shipments", "shipment_id", "order_id", "carrier", "tracking_no", "shipped_at",
                    "tracking_sent_at", "delivered_at", "status", "updated_at");
            returns = orders.table("order_returns", "return_id", "return_no", "order_id", "customer_id", "requested_at",
                    "received_at", "reason", "amount", "status", "updated_at");
            returnLines = orders.table("order_return_lines", "return_id", "line_no", "order_id", "order_line_no", "product_id",
                    "quantity", "amount", "updated_at");

            paymentTerms = finance.table("payment_terms", "terms_code", "description", "net_days", "prepayment", "updated_at");
            creditAssessments = finance.table("credit_assessments", "assessment_id", "customer_id", "assessed_on", "grade", "score",
                    "operations_note", "financial_note", "credit_record_note", "assessor", "updated_at");
            creditLimits = finance.table("credit_limits", "credit_limit_id", "customer_id", "assessment_id", "credit_limit",
                    "terms_code", "guarantee_required", "valid_from", "valid_to", "approved_by", "updated_at");
            invoices = finance.table("invoices", "invoice_id", "invoice_no", "order_id", "customer_id", "issued_on", "due_on",
                    "amount", "updated_at", "terms_code");
            creditNotes = finance.table("credit_notes", "credit_note_id", "credit_note_no", "invoice_id", "customer_id",
                    "return_id", "issued_on", "amount", "reason", "updated_at");
            receipts = finance.table("receipts", "receipt_id", "receipt_no", "customer_id", "received_on", "amount",
                    "payment_method", "bank_reference", "status", "bounced_on", "updated_at");
            allocations = finance.table("receipt_allocations", "allocation_id", "receipt_id", "invoice_id", "allocated_on",
                    "amount", "updated_at", "deleted");
            collectionActions = finance.table("collection_actions", "action_id", "invoice_id", "customer_id", "rep_id",
                    "action_type", "action_on", "days_overdue", "outcome", "updated_at");
            writeOffs = finance.table("write_offs", "write_off_id", "invoice_id", "customer_id", "written_off_on", "amount",
                    "reason", "approved_by", "approved_on", "evidence_ref", "updated_at");
            expenses = finance.table("sales_expenses", "expense_id", "rep_id", "customer_id", "expense_on", "category", "amount",
                    "description", "status", "approved_by", "updated_at");
        }

        void flush() throws SQLException {
            crm.flush();
            orders.flush();
            finance.flush();
        }

        long rows() {
            return crm.written() + orders.written() + finance.written();
        }
    }
}
