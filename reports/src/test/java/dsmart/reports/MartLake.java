package dsmart.reports;

import dsmart.lake.LakeCatalog;
import dsmart.lake.Settings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiConsumer;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.GenericFileWriterFactory;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.encryption.EncryptedFiles;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.DataWriter;
import org.apache.iceberg.types.Types;

/**
 * The two marts the packs read today, as real Iceberg tables in a temporary lake (Hadoop catalog), written
 * with Iceberg's generic Parquet writer (no Spark). {@link #publish} replaces a mart's rows in one commit,
 * as the transforms do: every call is a new snapshot.
 */
final class MartLake {
    static final Schema SALES = new Schema(
            Types.NestedField.required(1, "month", Types.DateType.get()),
            Types.NestedField.required(2, "region_code", Types.StringType.get()),
            Types.NestedField.optional(3, "region_name", Types.StringType.get()),
            Types.NestedField.required(4, "channel", Types.StringType.get()),
            Types.NestedField.required(5, "orders", Types.LongType.get()),
            Types.NestedField.required(6, "revenue", Types.DecimalType.of(18, 2)),
            Types.NestedField.required(7, "gross_profit", Types.DecimalType.of(18, 2)),
            Types.NestedField.required(8, "new_customers", Types.LongType.get()));
    static final Schema CUSTOMERS = new Schema(
            Types.NestedField.required(1, "customer_id", Types.LongType.get()),
            Types.NestedField.required(2, "customer_name", Types.StringType.get()),
            Types.NestedField.optional(3, "region_name", Types.StringType.get()),
            Types.NestedField.required(4, "orders", Types.LongType.get()),
            Types.NestedField.required(5, "revenue", Types.DecimalType.of(18, 2)),
            Types.NestedField.required(6, "gross_profit", Types.DecimalType.of(18, 2)),
            Types.NestedField.optional(7, "first_order_date", Types.DateType.get()),
            Types.NestedField.optional(8, "last_order_date", Types.DateType.get()));

    private final Table sales;
    private final Table customers;

    MartLake(Settings settings) {
        Catalog catalog = LakeCatalog.open(settings);
        ((SupportsNamespaces) catalog).createNamespace(Namespace.of("mart"), Map.of());
        sales = catalog.createTable(TableIdentifier.of("mart", "sales_monthly"), SALES, PartitionSpec.unpartitioned(), Map.of("format-version", "2"));
        customers = catalog.createTable(TableIdentifier.of("mart", "customer_sales"), CUSTOMERS, PartitionSpec.unpartitioned(),
                Map.of("format-version", "2"));
    }

    /** Replaces mart.sales_monthly with these rows; returns the new snapshot id. */
    long publishSales(List<TestMarts.SalesRow> rows) {
        return publish(sales, SALES, rows, (row, record) -> {
            record.setField("month", row.month());
            record.setField("region_code", row.regionCode());
            record.setField("region_name", row.regionName());
            record.setField("channel", row.channel());
            record.setField("orders", row.orders());
            record.setField("revenue", row.revenue());
            record.setField("gross_profit", row.grossProfit());
            record.setField("new_customers", row.newCustomers());
        });
    }

    /** Replaces mart.customer_sales with these rows; returns the new snapshot id. */
    long publishCustomers(List<TestMarts.CustomerRow> rows) {
        return publish(customers, CUSTOMERS, rows, (row, record) -> {
            record.setField("customer_id", row.id());
            record.setField("customer_name", row.name());
            record.setField("region_name", row.region());
            record.setField("orders", row.orders());
            record.setField("revenue", row.revenue());
            record.setField("gross_profit", row.revenue().divide(BigDecimal.valueOf(4), 2, RoundingMode.HALF_UP));
            record.setField("first_order_date", LocalDate.of(2023, 6, 1));
            record.setField("last_order_date", LocalDate.of(2024, 3, 20));
        });
    }

    static <T> long publish(Table table, Schema schema, List<T> rows, BiConsumer<T, GenericRecord> fill) {
        GenericFileWriterFactory factory = new GenericFileWriterFactory.Builder(table).dataFileFormat(FileFormat.PARQUET).dataSchema(schema).build();
        String path = table.location() + "/data/" + UUID.randomUUID() + ".parquet";
        DataWriter<org.apache.iceberg.data.Record> writer = factory.newDataWriter(
                EncryptedFiles.plainAsEncryptedOutput(table.io().newOutputFile(path)), PartitionSpec.unpartitioned(), null);
        try (writer) {
            for (T row : rows) {
                GenericRecord record = GenericRecord.create(schema);
                fill.accept(row, record);
                writer.write(record);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        DataFile file = writer.toDataFile();
        table.newOverwrite().overwriteByRowFilter(Expressions.alwaysTrue()).addFile(file).commit();
        table.refresh();
        return table.currentSnapshot().snapshotId();
    }
}
