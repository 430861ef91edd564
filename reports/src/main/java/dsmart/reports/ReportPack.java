package dsmart.reports;

import static java.util.Objects.requireNonNull;

import dsmart.serving.NamedQuery;
import dsmart.serving.QueryResult;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One report pack: what it reads (SQL with bound values through the serving port), how it lays it out
 * (JRXML documents exported to PDF/XLSX) and what it exports as tables (streamed XLSX/CSV). A new pack is
 * one class implementing this, its JRXML(s) under {@code dsmart/reports/} and its labels under
 * {@code dsmart/reports/i18n/}, registered in {@link ReportPacks#standard()}. Rendering, stamping,
 * fonts, archive and manifest are the machinery's ({@link PackRenderer}, {@link ReportArchive}).
 */
public interface ReportPack {

    /** Lower-case with dashes (for example {@code executive-sales}): the archive folder and the file stem. */
    String name();

    /** Its labels bundle under {@code dsmart/reports/i18n/} (English {@code <b>.properties}, Chinese {@code <b>_zh_CN.properties}); must define {@code title}. */
    String labels();

    /** When the schedule generates it. */
    Cadence cadence();

    /** The period kinds it accepts on demand; by default that of its cadence. */
    default Set<Period.Kind> periodKinds() {
        return EnumSet.of(cadence().periodKind());
    }

    /** The scope dimensions its SQL filters by; a request scoped by another dimension is refused. */
    Set<Scope.Dimension> scopeDimensions();

    /** The small queries its documents are filled from; every answer is read whole. */
    List<NamedQuery> queries(Period period, Scope scope);

    /**
     * The names of those {@link #queries} whose marts may be absent from the lake (a mart whose transform was
     * skipped for want of its inputs): such a query is not run when a table it names is absent, it has no
     * answer ({@link Answers#has}) and its section says the data is not available. Every other query's marts must exist.
     */
    default Set<String> optionalQueries() {
        return Set.of();
    }

    /** Its Jasper documents; empty for a pack of tables only. */
    List<Document> documents();

    /**
     * The documents to render for these answers; by default {@link #documents()}. A pack with one document per
     * row of its data (one PDF per rep) overrides this; each must use a template of {@link #documents()}.
     */
    default List<Document> documents(Answers answers) {
        return documents();
    }

    /** The rows and parameters one document is filled with, from the answers of {@link #queries}. */
    Fill fill(Document document, Answers answers, Labels labels, Period period);

    /** Its tabular exports; each query is streamed row by row into its files. */
    List<Table> tables(Period period, Scope scope);

    enum Cadence {
        MONTHLY(Period.Kind.MONTH), ANNUAL(Period.Kind.YEAR);

        private final Period.Kind periodKind;

        Cadence(Period.Kind periodKind) {
            this.periodKind = periodKind;
        }

        public Period.Kind periodKind() {
            return periodKind;
        }
    }

    enum Format {
        PDF, XLSX, CSV;

        public String extension() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * A Jasper document: {@code suffix} is added to the pack's file stem ("" for its main document),
     * {@code template} the JRXML resource (compiled once per JVM), {@code formats} PDF and/or XLSX.
     */
    record Document(String suffix, String template, Set<Format> formats) {
        public Document {
            requireNonNull(suffix, "suffix");
            requireNonNull(template, "template");
            formats = Collections.unmodifiableSet(EnumSet.copyOf(formats));
            if (formats.contains(Format.CSV)) {
                throw new IllegalArgumentException(template + ": Jasper documents are exported to PDF or XLSX; CSV is for tables");
            }
        }
    }

    /** What a document is filled with: its detail rows (field name → value) and its own parameters. */
    record Fill(List<? extends Map<String, ?>> rows, Map<String, Object> parameters) {
        public Fill {
            rows = List.copyOf(rows);
            parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        }
    }

    /**
     * A tabular export: {@code suffix} as for documents, the query streamed into it, its columns (in
     * order) and formats XLSX and/or CSV. XLSX splits into further sheets past Excel's row limit.
     * {@code sheet} (a label key, or null) names its data sheet: consecutive XLSX-only tables of one suffix
     * that all name a sheet go into one workbook, a sheet each (one About sheet, stamped with every table read).
     */
    record Table(String suffix, NamedQuery query, List<TableColumn> columns, Set<Format> formats, String sheet) {
        public Table {
            requireNonNull(suffix, "suffix");
            requireNonNull(query, "query");
            columns = List.copyOf(columns);
            formats = Collections.unmodifiableSet(EnumSet.copyOf(formats));
            if (formats.contains(Format.PDF)) {
                throw new IllegalArgumentException(query.name() + ": tables are exported to XLSX or CSV; PDF is for documents");
            }
            if (sheet != null && !formats.equals(EnumSet.of(Format.XLSX))) {
                throw new IllegalArgumentException(query.name() + ": a named sheet is for XLSX-only tables");
            }
        }

        public Table(String suffix, NamedQuery query, List<TableColumn> columns, Set<Format> formats) {
            this(suffix, query, columns, formats, null);
        }

        /** Whether {@code next} goes into the same workbook as this table (as a further sheet). */
        boolean sharesWorkbookWith(Table next) {
            return sheet != null && next.sheet != null && suffix.equals(next.suffix);
        }
    }

    /** The answers of a pack's queries, by query name. */
    record Answers(Map<String, QueryResult> byName) {
        public Answers {
            byName = Collections.unmodifiableMap(new LinkedHashMap<>(byName));
        }

        /** Whether the query was answered (an optional query whose marts are absent was not). */
        public boolean has(String name) {
            return byName.containsKey(name);
        }

        public QueryResult get(String name) {
            QueryResult result = byName.get(name);
            if (result == null) {
                throw new IllegalStateException("no answer for query \"" + name + "\"; the pack's queries are " + byName.keySet());
            }
            return result;
        }
    }
}
