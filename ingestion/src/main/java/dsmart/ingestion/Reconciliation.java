package dsmart.ingestion;

/**
 * The checks that make a run fail rather than lose a row: every row read reached raw (changed or not) or quarantine,
 * and raw holds exactly the rows the run meant to write. The counts come from different places (the rows read; the
 * change classification; the quarantine and raw tables after their commits), so a row lost or doubled anywhere in
 * between shows.
 */
final class Reconciliation {
    private Reconciliation() {}

    static void rowsAccountedFor(String source, long read, String target, long accepted, String quarantine, long quarantined) {
        if (read != accepted + quarantined) {
            throw new IngestionException("reconciliation failed for " + source + ": " + read + " rows read, but " + accepted + " reached "
                    + target + " and " + quarantined + " " + quarantine + " (" + (read - accepted - quarantined) + " unaccounted for)", null);
        }
    }

    static void rowsWritten(String source, String target, String runId, long found, long expected) {
        if (found != expected) {
            throw new IngestionException("reconciliation failed for " + source + ": " + target + " holds " + found + " rows of run " + runId
                    + ", but the run inserted, updated or deleted " + expected, null);
        }
    }
}
