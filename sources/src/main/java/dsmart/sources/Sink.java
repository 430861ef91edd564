package dsmart.sources;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Batched inserts into the tables of one source database. Tables are registered parents first; a flush
 * sends every table's pending batch in that order and commits, so foreign keys hold at every commit.
 * Memory is bounded by the batch size, never by the rows written.
 */
final class Sink implements AutoCloseable {
    private final Connection connection;
    private final int batch;
    private final List<Table> tables = new ArrayList<>();
    private long pending;
    private long written;

    Sink(Connection connection, int batch) {
        this.connection = connection;
        this.batch = batch;
    }

    /** A table with the given columns, in the order row values are passed. */
    Table table(String name, String... columns) throws SQLException {
        Table table = new Table(this, name, columns);
        tables.add(table);
        return table;
    }

    void flush() throws SQLException {
        if (pending == 0) {
            return;
        }
        for (Table table : tables) {
            table.execute();
        }
        connection.commit();
        written += pending;
        pending = 0;
    }

    long written() {
        return written + pending;
    }

    private void added() throws SQLException {
        if (++pending >= batch) {
            flush();
        }
    }

    @Override
    public void close() throws SQLException {
        for (Table table : tables) {
            table.statement.close();
        }
    }

    /** One table's prepared INSERT; null values are bound with the column's SQL type. */
    static final class Table {
        private final Sink sink;
        private final String name;
        private final PreparedStatement statement;
        private final int[] types;
        private int batched;
        private long rows;

        private Table(Sink sink, String name, String[] columns) throws SQLException {
            this.sink = sink;
            this.name = name;
            String list = String.join(", ", columns);
            this.types = new int[columns.length];
            try (Statement probe = sink.connection.createStatement();
                    ResultSet empty = probe.executeQuery("SELECT " + list + " FROM " + name + " WHERE 1 = 0")) {
                ResultSetMetaData meta = empty.getMetaData();
                for (int i = 0; i < columns.length; i++) {
                    types[i] = meta.getColumnType(i + 1);
                }
            }
            this.statement = sink.connection.prepareStatement(
                    "INSERT INTO " + name + " (" + list + ") VALUES (" + "?, ".repeat(columns.length - 1) + "?)");
        }

        void row(Object... values) throws SQLException {
            if (values.length != types.length) {
                throw new IllegalArgumentException(name + ": " + values.length + " values for " + types.length + " columns");
            }
            for (int i = 0; i < values.length; i++) {
                if (values[i] == null) {
                    statement.setNull(i + 1, types[i]);
                } else {
                    statement.setObject(i + 1, values[i]);
                }
            }
            statement.addBatch();
            batched++;
            rows++;
            sink.added();
        }

        long rows() {
            return rows;
        }

        String name() {
            return name;
        }

        private void execute() throws SQLException {
            if (batched > 0) {
                try {
                    statement.executeBatch();
                } catch (SQLException e) {
                    throw new SQLException("inserting into " + name + " failed: " + e.getMessage(), e);
                }
                batched = 0;
            }
        }
    }
}
