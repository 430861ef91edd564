package dsmart.serving;

import dsmart.lake.LakeCatalog;
import dsmart.lake.Settings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
import org.apache.iceberg.io.DataWriter;
import org.apache.iceberg.types.Types;

/** A real Iceberg table in a temporary lake, written with Iceberg's generic Parquet writer (no Spark). */
final class LakeFixture {
    static final Schema SALES = new Schema(
            Types.NestedField.required(1, "month", Types.DateType.get()),
            Types.NestedField.required(2, "region_name", Types.StringType.get()),
            Types.NestedField.required(3, "revenue", Types.DecimalType.of(18, 2)));

    record Sale(LocalDate month, String region, String revenue) {}

    private final Catalog catalog;
    private final Table table;

    LakeFixture(Settings settings) {
        catalog = LakeCatalog.open(settings);
        ((SupportsNamespaces) catalog).createNamespace(Namespace.of("mart"), Map.of());
        table = catalog.createTable(TableIdentifier.of("mart", "sales"), SALES, PartitionSpec.unpartitioned(),
                Map.of("format-version", "2"));
    }

    Table table() {
        return table;
    }

    long append(List<Sale> sales) {
        GenericFileWriterFactory factory = new GenericFileWriterFactory.Builder(table)
                .dataFileFormat(FileFormat.PARQUET).dataSchema(SALES).build();
        String path = table.location() + "/data/" + UUID.randomUUID() + ".parquet";
        DataWriter<org.apache.iceberg.data.Record> writer = factory.newDataWriter(
                EncryptedFiles.plainAsEncryptedOutput(table.io().newOutputFile(path)), PartitionSpec.unpartitioned(), null);
        try (writer) {
            for (Sale sale : sales) {
                GenericRecord record = GenericRecord.create(SALES);
                record.setField("month", sale.month());
                record.setField("region_name", sale.region());
                record.setField("revenue", new BigDecimal(sale.revenue()));
                writer.write(record);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        DataFile file = writer.toDataFile();
        table.newAppend().appendFile(file).commit();
        table.refresh();
        return table.currentSnapshot().snapshotId();
    }
}
