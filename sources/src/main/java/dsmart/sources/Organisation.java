package dsmart.sources;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The sales organisation: regions, positions, teams, reps (with hires, leavers and promotions during the
 * period), recruitment and training. Reps are indexed 0..n-1 (rep_id = index + 1); team leaders come
 * first so that every manager_rep_id names an earlier row. Memory: a few arrays of reps.
 */
final class Organisation {
    static final int REPS_PER_SCALE = 40;
    static final int TEAMS_PER_SCALE = 10;
    static final String[] LEVELS = {"rep", "senior_rep", "supervisor", "manager"};
    /** Share of reps hired per year (replacements and growth) and share of members leaving per year. */
    private static final double HIRES_PER_YEAR = 0.25;
    private static final double LEAVERS_PER_YEAR = 0.2;
    private static final double PROMOTIONS_PER_YEAR = 0.12;

    private final World w;
    final int teams;
    final int initialReps;
    final int reps;
    final int[] team;
    final int[] level;
    final double[] skill;
    final LocalDate[] hiredOn;
    /** Day the induction assessment was passed; null while not passed at the snapshot. */
    final LocalDate[] passedOn;
    final LocalDate[] leftOn;
    final LocalDate[] promotedOn;
    final String[] name;
    private final int[] manager;
    private final boolean[] earlySeller;
    private final int[] earlyLeft;
    private final int[][] byRegion;
    private long trainingId;
    private List<List<Integer>> early;

    private Organisation(World w, int initialReps, List<int[]> hires) {
        this.w = w;
        this.teams = TEAMS_PER_SCALE * w.scale;
        this.initialReps = initialReps;
        this.reps = initialReps + hires.size();
        team = new int[reps];
        level = new int[reps];
        skill = new double[reps];
        hiredOn = new LocalDate[reps];
        passedOn = new LocalDate[reps];
        leftOn = new LocalDate[reps];
        promotedOn = new LocalDate[reps];
        name = new String[reps];
        manager = new int[reps];
        earlySeller = new boolean[reps];
        earlyLeft = new int[reps];
        byRegion = new int[Names.REGIONS.length][];
    }

    int region(int rep) {
        return team[rep] % Names.REGIONS.length;
    }

    static Organisation generate(World w, dsmart.lake.Progress progress) throws SQLException {
        progress.start("crm.organisation");
        int initial = REPS_PER_SCALE * w.scale;
        int teams = TEAMS_PER_SCALE * w.scale;
        // hires during the period: {day offset from start, team}
        List<int[]> hires = new ArrayList<>();
        double perMonth = initial * HIRES_PER_YEAR / 12;
        for (int m = 0; m < w.months; m++) {
            LocalDate month = w.start.plusMonths(m);
            int count = (int) Math.floor(perMonth + w.rnd());
            for (int k = 0; k < count; k++) {
                LocalDate day = month.plusDays(w.random.nextInt(month.lengthOfMonth()));
                hires.add(new int[] {(int) (day.toEpochDay() - w.start.toEpochDay()), w.random.nextInt(teams)});
            }
        }
        Organisation org = new Organisation(w, initial, hires);
        org.build(hires);
        org.writeStructure();
        org.writeReps();
        org.writeTraining();
        org.writeRecruitment();
        w.t.crm.flush();
        progress.done(org.reps);
        return org;
    }

    private void build(List<int[]> hires) {
        for (int i = 0; i < reps; i++) {
            name[i] = w.personName();
            if (i < teams) {
                team[i] = i;
                level[i] = i < Names.REGIONS.length ? 3 : 2;
                manager[i] = i < Names.REGIONS.length ? -1 : i % Names.REGIONS.length;
                hiredOn[i] = w.start.minusDays(w.between(400, 3000));
                skill[i] = 1.15 * Math.exp(w.random.nextDouble() * 0.5 - 0.25);
            } else if (i < initialReps) {
                team[i] = (i - teams) / 3;
                level[i] = w.chance(0.35) ? 1 : 0;
                manager[i] = team[i];
                hiredOn[i] = w.start.minusDays(w.between(30, 1500));
                skill[i] = Math.exp(gaussian() * 0.3);
            } else {
                int[] hire = hires.get(i - initialReps);
                team[i] = hire[1];
                level[i] = 0;
                manager[i] = team[i];
                hiredOn[i] = w.start.plusDays(hire[0]);
                skill[i] = Math.exp(gaussian() * 0.3 - 0.1);
            }
        }
        double years = w.months / 12.0;
        for (int i = teams; i < initialReps; i++) {
            if (w.chance(Math.min(0.5, LEAVERS_PER_YEAR * years))) {
                leftOn[i] = w.start.plusDays(w.between(1, (int) (w.asOfDate.toEpochDay() - w.start.toEpochDay()) - 1));
            } else if (level[i] == 0 && w.chance(Math.min(0.5, PROMOTIONS_PER_YEAR * years))) {
                promotedOn[i] = w.start.plusDays(w.between(1, (int) (w.asOfDate.toEpochDay() - w.start.toEpochDay()) - 1));
                level[i] = 1;
            }
        }
        for (int r = 0; r < byRegion.length; r++) {
            int region = r;
            byRegion[r] = java.util.stream.IntStream.range(0, reps).filter(i -> region(i) == region).toArray();
        }
    }

    private double gaussian() {
        // Box-Muller from the one random stream (SplittableRandom has no nextGaussian in Java 17).
        double u = Math.max(w.rnd(), 1e-12);
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * w.rnd());
    }

    private void writeStructure() throws SQLException {
        LocalDateTime epoch = w.startOf(w.start.minusYears(5));
        for (String[] r : Names.REGIONS) {
            w.t.regions.row(r[0], r[1], epoch);
        }
        for (int p = 0; p < Names.POSITIONS.length; p++) {
            w.t.positions.row(Names.POSITIONS[p][0], Names.POSITIONS[p][1], p + 1, epoch);
        }
        for (int t = 0; t < teams; t++) {
            String[] r = Names.REGIONS[t % Names.REGIONS.length];
            w.t.teams.row((long) t + 1, r[1] + "销售" + (t / Names.REGIONS.length + 1) + "组", r[0], epoch);
        }
    }

    private void writeReps() throws SQLException {
        long positionId = 0;
        for (int i = 0; i < reps; i++) {
            LocalDateTime updated = w.during(hiredOn[i], 9, 18);
            if (promotedOn[i] != null) {
                updated = w.during(promotedOn[i], 9, 18);
            }
            if (leftOn[i] != null) {
                updated = w.during(leftOn[i], 9, 18);
            }
            w.t.reps.row((long) i + 1, name[i], (long) team[i] + 1, LEVELS[level[i]], hiredOn[i], updated, false,
                    String.format("E%05d", 10_000 + i + 1), manager[i] < 0 ? null : (long) manager[i] + 1,
                    leftOn[i] == null ? "active" : "left", leftOn[i], w.phone());
            if (promotedOn[i] != null) {
                w.t.repPositions.row(++positionId, (long) i + 1, LEVELS[0], hiredOn[i], promotedOn[i].minusDays(1), updated);
                w.t.repPositions.row(++positionId, (long) i + 1, LEVELS[1], promotedOn[i], null, updated);
            } else {
                w.t.repPositions.row(++positionId, (long) i + 1, LEVELS[level[i]], hiredOn[i], null, w.during(hiredOn[i], 9, 18));
            }
        }
    }

    /** Induction for every rep (some too short: rule INDUCTION_TOO_SHORT), then recurring training per quarter. */
    private void writeTraining() throws SQLException {
        for (int i = 0; i < reps; i++) {
            induction(i);
        }
        for (int i = 0; i < reps; i++) {
            recurring(i);
        }
    }

    private LocalDate firstWorkingDay(LocalDate day) {
        LocalDate d = day;
        while (!w.calendar.isWorkingDay(d)) {
            d = d.plusDays(1);
        }
        return d;
    }

    private void induction(int i) throws SQLException {
        LocalDate start = firstWorkingDay(hiredOn[i]);
        if (!w.visible(start)) {
            return;
        }
        int min = w.inductionMinDays;
        boolean isNew = i >= initialReps;
        if (isNew) {
            w.truth.population(Rule.SALE_BEFORE_INDUCTION_PASSED);
            if (w.plant(Rule.SALE_BEFORE_INDUCTION_PASSED)) {
                earlySeller[i] = true;
                earlyLeft[i] = w.between(1, 3);
            }
        }
        w.truth.population(Rule.INDUCTION_TOO_SHORT);
        boolean tooShort = min >= 2 && w.plant(Rule.INDUCTION_TOO_SHORT);
        LocalDate end;
        int days;
        if (tooShort) {
            // consecutive working days inside one week: too short by calendar days and by working days alike
            days = w.between(Math.min(2, min - 1), min - 1);
            while (!consecutiveWorkingDays(start, days)) {
                start = firstWorkingDay(start.plusDays(1));
            }
            end = start.plusDays(days - 1);
        } else {
            days = min + w.between(0, 5);
            end = w.calendar.plusWorkingDays(start, days - 1);
        }
        LocalDate passed = w.calendar.plusWorkingDays(end, w.between(0, 2));
        passedOn[i] = w.seen(passed);
        long id = ++trainingId;
        LocalDateTime updated = w.during(passedOn[i] != null ? passed : start, 9, 18);
        if (!w.visible(updated)) {
            updated = w.during(start, 8, 9);
        }
        w.t.trainingRecords.row(id, (long) i + 1, "induction", "新员工入职培训", start, end, BigDecimal.valueOf(days * 8L, 0).setScale(1),
                passedOn[i] == null ? null : "passed", passedOn[i], updated);
        if (tooShort) {
            w.truth.record(Rule.INDUCTION_TOO_SHORT, id, (long) i + 1, null, end,
                    "induction " + start + ".." + end + " is " + days + " days, minimum " + min);
        }
    }

    private boolean consecutiveWorkingDays(LocalDate start, int days) {
        for (int k = 0; k < days; k++) {
            if (!w.calendar.isWorkingDay(start.plusDays(k))) {
                return false;
            }
        }
        return true;
    }

    private void recurring(int i) throws SQLException {
        if (passedOn[i] == null) {
            return;
        }
        for (LocalDate quarter = w.start; quarter.isBefore(w.asOfDate); quarter = quarter.plusMonths(3)) {
            int sessions = w.between(1, 2);
            for (int s = 0; s < sessions; s++) {
                LocalDate day = quarter.plusDays(w.random.nextInt(90));
                int kind = w.pickWeighted(new double[] {0.5, 0.2, 0.3});
                if (!w.visible(day) || !day.isAfter(passedOn[i]) || (leftOn[i] != null && !day.isBefore(leftOn[i]))) {
                    continue;
                }
                String type = kind == 0 ? "internal" : kind == 1 ? "external" : "online";
                String course = w.pick(kind == 0 ? Names.COURSES_INTERNAL : kind == 1 ? Names.COURSES_EXTERNAL : Names.COURSES_ONLINE);
                int hours = kind == 0 ? w.between(4, 16) : kind == 1 ? w.between(8, 24) : w.between(1, 6);
                LocalDate end = kind == 1 && hours > 8 ? day.plusDays(1) : day;
                w.t.trainingRecords.row(++trainingId, (long) i + 1, type, course, day, end, BigDecimal.valueOf(hours).setScale(1),
                        null, null, w.during(day, 18, 20));
            }
        }
    }

    /** A plan and its candidates for every rep hired during the period (P-2.1). */
    private void writeRecruitment() throws SQLException {
        long planId = 0;
        long candidateId = 0;
        for (int i = initialReps; i < reps; i++) {
            LocalDate hired = hiredOn[i];
            LocalDate planned = hired.minusDays(w.between(30, 60));
            long plan = ++planId;
            w.t.recruitmentPlans.row(plan, (long) team[i] + 1, LEVELS[0], 1, w.pick(Names.REQUIREMENTS), planned, "filled",
                    w.during(hired, 9, 18));
            int count = w.between(3, 8);
            int winner = w.random.nextInt(count);
            for (int c = 0; c < count; c++) {
                LocalDate applied = planned.plusDays(w.between(2, 12));
                LocalDate interview1 = applied.plusDays(w.between(3, 6));
                LocalDate interview2 = interview1.plusDays(w.between(2, 5));
                LocalDate background = interview2.plusDays(w.between(1, 4));
                if (c == winner) {
                    w.t.candidates.row(++candidateId, plan, name[i], applied, true, interview1, true, interview2, true, background,
                            true, "hired", (long) i + 1, w.during(hired, 9, 18));
                    continue;
                }
                int failedAt = w.between(0, 3);
                w.t.candidates.row(++candidateId, plan, w.personName(), applied, failedAt > 0,
                        failedAt > 0 ? interview1 : null, failedAt > 0 ? failedAt > 1 : null,
                        failedAt > 1 ? interview2 : null, failedAt > 1 ? failedAt > 2 : null,
                        failedAt > 2 ? background : null, failedAt > 2 ? Boolean.FALSE : null,
                        "rejected", null, w.during(failedAt == 0 ? applied : failedAt == 1 ? interview1 : failedAt == 2 ? interview2 : background, 9, 18));
            }
        }
    }

    // --- who may sell ----------------------------------------------------------------------------------

    /** Passed induction before the day and not yet left. */
    boolean canSell(int rep, LocalDate day) {
        return passedOn[rep] != null && day.isAfter(passedOn[rep]) && (leftOn[rep] == null || day.isBefore(leftOn[rep]));
    }

    boolean employed(int rep, LocalDate day) {
        return !day.isBefore(hiredOn[rep]) && (leftOn[rep] == null || day.isBefore(leftOn[rep]));
    }

    /** A rep of the region who may sell on every day from..to; better reps are a little more likely. */
    int pickSeller(int region, LocalDate from, LocalDate to) {
        int[] candidates = byRegion[region];
        int first = -1;
        for (int tries = 0; tries < 60; tries++) {
            int rep = candidates[w.random.nextInt(candidates.length)];
            if (canSell(rep, from) && canSell(rep, to)) {
                if (first < 0) {
                    first = rep;
                } else {
                    int better = skill[rep] > skill[first] ? rep : first;
                    int worse = better == rep ? first : rep;
                    return w.chance(0.65) ? better : worse;
                }
            }
        }
        if (first >= 0) {
            return first;
        }
        for (int rep = 0; rep < reps; rep++) {
            if (canSell(rep, from) && canSell(rep, to)) {
                return rep;
            }
        }
        return region;
    }

    /**
     * A rep hired during the period who was planted to sell before passing induction and still may on this
     * day, else -1. Days only move forward, so reps whose window has passed are dropped from the list.
     */
    int earlySeller(int region, LocalDate day) {
        if (early == null) {
            early = new ArrayList<>();
            for (int r = 0; r < Names.REGIONS.length; r++) {
                early.add(new ArrayList<>());
            }
            for (int i = initialReps; i < reps; i++) {
                if (earlySeller[i]) {
                    early.get(region(i)).add(i);
                }
            }
            early.forEach(list -> list.sort(java.util.Comparator.comparing((Integer i) -> hiredOn[i]).thenComparing(i -> i)));
        }
        List<Integer> list = early.get(region);
        for (int k = 0; k < list.size(); k++) {
            int i = list.get(k);
            if (day.isBefore(hiredOn[i])) {
                return -1;
            }
            if (earlyLeft[i] <= 0 || (passedOn[i] != null && !day.isBefore(passedOn[i])) || (leftOn[i] != null && !day.isBefore(leftOn[i]))) {
                list.remove(k--);
                continue;
            }
            return i;
        }
        return -1;
    }

    void soldEarly(int rep) {
        earlyLeft[rep]--;
    }

    int manager(int rep) {
        return manager[rep];
    }
}
