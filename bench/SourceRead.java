import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The floor of any full ingest: every row of every table of the given source databases read once over plain JDBC
 * (each column's value fetched), on {@code threads} threads taking one table at a time, nothing written.
 * Usage: java [-Duser=sa -Dpassword=] -cp cli/target/dsmart.jar bench/SourceRead.java THREADS JDBC_URL...
 */
public class SourceRead {
    private static final String user = System.getProperty("user", "sa");
    private static final String password = System.getProperty("password", "");

    public static void main(String[] args) throws Exception {
        int threads = Integer.parseInt(args[0]);
        ConcurrentLinkedQueue<String[]> tables = new ConcurrentLinkedQueue<>();
        for (int i = 1; i < args.length; i++) {
            try (Connection c = DriverManager.getConnection(args[i], user, password);
                    ResultSet r = c.getMetaData().getTables(null, null, "%", new String[] {"TABLE", "BASE TABLE"})) {
                while (r.next()) {
                    String schema = r.getString("TABLE_SCHEM");
                    if (!schema.equalsIgnoreCase("information_schema") && !schema.equalsIgnoreCase("pg_catalog")) {
                        tables.add(new String[] {args[i], schema + "." + r.getString("TABLE_NAME")});
                    }
                }
            }
        }
        int count = tables.size();
        AtomicLong rows = new AtomicLong();
        long start = System.nanoTime();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> {
                for (String[] table; (table = tables.poll()) != null; ) {
                    rows.addAndGet(read(table[0], table[1]));
                }
            });
            worker.start();
            workers.add(worker);
        }
        for (Thread worker : workers) {
            worker.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("%,d rows of %d tables read in %.1f s on %d threads (%,.0f rows/s)%n", rows.get(), count, seconds,
                threads, rows.get() / seconds);
    }

    private static long read(String url, String table) {
        try (Connection c = DriverManager.getConnection(url, user, password)) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.setFetchSize(10_000);
                try (ResultSet r = s.executeQuery("SELECT * FROM " + table)) {
                    int columns = r.getMetaData().getColumnCount();
                    long n = 0;
                    while (r.next()) {
                        for (int i = 1; i <= columns; i++) {
                            r.getObject(i);
                        }
                        n++;
                    }
                    return n;
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading " + table + " at " + url + " failed: " + e.getMessage(), e);
        }
    }
}
