package dsmart.lake;

import java.net.URI;
import java.nio.charset.Charset;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Set;
import java.util.regex.Pattern;

/** What a setting's value must look like. {@link #check} returns null when the value fits, else why not. */
enum Kind {
    TEXT {
        @Override
        String check(String value) {
            return null;
        }
    },
    NON_EMPTY {
        @Override
        String check(String value) {
            return value.isBlank() ? "must not be empty" : null;
        }
    },
    POSITIVE_INT {
        @Override
        String check(String value) {
            try {
                return Integer.parseInt(value.strip()) > 0 ? null : "must be a whole number above 0";
            } catch (NumberFormatException e) {
                return "must be a whole number above 0";
            }
        }
    },
    PORT {
        @Override
        String check(String value) {
            try {
                int port = Integer.parseInt(value.strip());
                return port >= 0 && port <= 65535 ? null : "must be a port number 0-65535";
            } catch (NumberFormatException e) {
                return "must be a port number 0-65535";
            }
        }
    },
    DATE {
        @Override
        String check(String value) {
            try {
                LocalDate.parse(value.strip());
                return null;
            } catch (DateTimeException e) {
                return "must be a date yyyy-MM-dd";
            }
        }
    },
    DATE_LIST {
        @Override
        String check(String value) {
            try {
                DateList.parse(value);
                return null;
            } catch (IllegalArgumentException e) {
                return e.getMessage();
            }
        }
    },
    ZONE {
        @Override
        String check(String value) {
            try {
                ZoneId.of(value.strip());
                return null;
            } catch (DateTimeException e) {
                return "must be a time zone id such as Asia/Shanghai";
            }
        }
    },
    JDBC_URL {
        @Override
        String check(String value) {
            return value.startsWith("jdbc:") ? null : "must be a JDBC URL starting with jdbc:";
        }
    },
    OPTIONAL_JDBC_URL {
        @Override
        String check(String value) {
            return value.isEmpty() || value.startsWith("jdbc:") ? null : "must be empty or a JDBC URL starting with jdbc:";
        }
    },
    LOCATION {
        @Override
        String check(String value) {
            if (value.isBlank()) {
                return "must not be empty";
            }
            try {
                URI.create(value.contains(":") ? value : "file:" + value);
                return null;
            } catch (IllegalArgumentException e) {
                return "must be a path or a URI";
            }
        }
    },
    CATALOG_TYPE {
        @Override
        String check(String value) {
            return Set.of("hadoop", "jdbc").contains(value) ? null : "must be hadoop or jdbc";
        }
    },
    ENGINE {
        @Override
        String check(String value) {
            return Set.of("embedded", "trino").contains(value) ? null : "must be embedded or trino";
        }
    },
    SPARK_MASTER {
        @Override
        String check(String value) {
            return Pattern.matches("local(\\[(\\d+|\\*)])?|spark://.+|yarn|k8s://.+", value)
                    ? null : "must be local[N], spark://host:port, yarn or k8s://...";
        }
    },
    INGEST_TABLES {
        @Override
        String check(String value) {
            return value.isBlank() || Pattern.matches("\\s*[a-z]\\w*\\.[a-z]\\w*:[a-z]\\w*(\\+[a-z]\\w*)*(\\s*,\\s*[a-z]\\w*\\.[a-z]\\w*:[a-z]\\w*(\\+[a-z]\\w*)*)*\\s*", value)
                    ? null : "must be a comma-separated list of system.table:key[+key...]";
        }
    },
    /** Raw tables dated by a parent (transform.dated.by): child:column:parent, comma-separated, possibly none. */
    DATED_BY {
        @Override
        String check(String value) {
            String entry = NAME + ":" + NAME + ":" + NAME;
            return value.isBlank() || Pattern.matches(entry + "(\\s*,\\s*" + entry + ")*", value.strip())
                    ? null : "must be a comma-separated list of child_table:column:parent_table (raw table names without raw.)";
        }
    },
    // --- ingestion ------------------------------------------------------------------------
    BOOLEAN {
        @Override
        String check(String value) {
            return Set.of("true", "false").contains(value.strip()) ? null : "must be true or false";
        }
    },
    NON_NEGATIVE_INT {
        @Override
        String check(String value) {
            try {
                return Integer.parseInt(value.strip()) >= 0 ? null : "must be a whole number, 0 or above";
            } catch (NumberFormatException e) {
                return "must be a whole number, 0 or above";
            }
        }
    },
    /** A column name, or empty for none. */
    OPTIONAL_IDENTIFIER {
        @Override
        String check(String value) {
            return value.isEmpty() || Pattern.matches(NAME, value) ? null : "must be empty or a lower-case column name";
        }
    },
    /** Comma-separated column names, possibly none. */
    IDENTIFIER_LIST {
        @Override
        String check(String value) {
            return value.isBlank() || Pattern.matches(NAME + "(\\s*,\\s*" + NAME + ")*", value.strip())
                    ? null : "must be comma-separated lower-case column names";
        }
    },
    /** A primary key: column[+column...]. */
    KEY_COLUMNS {
        @Override
        String check(String value) {
            return Pattern.matches(NAME + "(\\+" + NAME + ")*", value.strip()) ? null : "must be column[+column...]";
        }
    },
    /** Accepted values, separated by |. */
    VALUE_LIST {
        @Override
        String check(String value) {
            return value.isBlank() ? "must list the accepted values separated by |" : null;
        }
    },
    /** A column of a lake table: namespace.table.column. */
    TABLE_COLUMN {
        @Override
        String check(String value) {
            return Pattern.matches(NAME + "\\." + NAME + "\\." + NAME, value.strip()) ? null : "must be namespace.table.column";
        }
    },
    /** A charset that keeps line feed, quote and the usual delimiters as single ASCII bytes (UTF-8, GBK, GB18030, ISO-8859-1...). */
    CHARSET {
        @Override
        String check(String value) {
            try {
                Charset charset = Charset.forName(value.strip());
                for (String ascii : new String[] {"\n", "\r", "\"", ",", ";", "|", "\t"}) {
                    byte[] bytes = ascii.getBytes(charset);
                    if (bytes.length != 1 || bytes[0] != ascii.charAt(0)) {
                        return "must be an ASCII-compatible charset such as UTF-8 or GBK";
                    }
                }
                return null;
            } catch (IllegalArgumentException e) {
                return "must be a charset name such as UTF-8 or GBK";
            }
        }
    },
    /** One character, or the words tab / space; empty for none where allowed. */
    SEPARATOR {
        @Override
        String check(String value) {
            return value.isEmpty() || value.equals("tab") || value.equals("space") || value.codePointCount(0, value.length()) == 1
                    ? null : "must be one character, tab, space or empty";
        }
    },
    /** Date-time patterns (java.time), separated by |; the first that parses wins. */
    DATE_PATTERNS {
        @Override
        String check(String value) {
            if (value.isBlank()) {
                return "must be one or more date patterns separated by |";
            }
            try {
                for (String pattern : value.split("\\|")) {
                    DateTimeFormatter.ofPattern(pattern.strip());
                }
                return null;
            } catch (IllegalArgumentException e) {
                return "must be date patterns such as yyyy-MM-dd separated by |: " + e.getMessage();
            }
        }
    },
    /** column:type,... with type string, int, bigint, decimal(p,s), date, timestamp or boolean. */
    FEED_COLUMNS {
        @Override
        String check(String value) {
            String type = "(string|int|bigint|date|timestamp|boolean|decimal\\(\\s*\\d{1,2}\\s*,\\s*\\d{1,2}\\s*\\))";
            String column = NAME + "\\s*:\\s*" + type;
            return Pattern.matches(column + "(\\s*,\\s*" + column + ")*", value.strip())
                    ? null : "must be column:type,... with type string, int, bigint, decimal(p,s), date, timestamp or boolean";
        }
    },
    IDENTIFIER {
        @Override
        String check(String value) {
            return Pattern.matches("[a-z][a-z0-9_]*", value) ? null : "must be lower-case letters, digits and _";
        }
    },
    // --- receivables ---
    /** Where receipts' allocations to invoices come from: explicit (finance's allocation records) or fifo. */
    ALLOCATION {
        @Override
        String check(String value) {
            return Set.of("explicit", "fifo").contains(value.strip()) ? null : "must be explicit or fifo";
        }
    },
    /** What receivables are aged from: due (the due date) or posting (the invoice date). */
    AGEING_BASIS {
        @Override
        String check(String value) {
            return Set.of("due", "posting").contains(value.strip()) ? null : "must be due or posting";
        }
    },
    /** Strictly ascending whole numbers above 0, comma separated: upper bounds (days) of ageing buckets. */
    DAY_BOUNDS {
        @Override
        String check(String value) {
            String problem = "must be strictly ascending whole numbers above 0, comma separated";
            int previous = 0;
            for (String part : value.split(",", -1)) {
                try {
                    int days = Integer.parseInt(part.strip());
                    if (days <= previous) {
                        return problem;
                    }
                    previous = days;
                } catch (NumberFormatException e) {
                    return problem;
                }
            }
            return null;
        }
    },
    /** name:number pairs, comma separated (a customer group's default credit limit, a grade's score points). */
    NAMED_NUMBERS {
        @Override
        String check(String value) {
            return Pattern.matches("[A-Za-z0-9_]+:\\d+(\\.\\d+)?(,[A-Za-z0-9_]+:\\d+(\\.\\d+)?)*", value.strip())
                    ? null : "must be name:number pairs, comma separated, no spaces (e.g. strategic:300000,consumer:50000)";
        }
    },
    /** Collection follow-up levels: days:action[|action...], comma separated, days strictly ascending. */
    COLLECTION_LEVELS {
        @Override
        String check(String value) {
            String problem = "must be days:action[|action], comma separated, days strictly ascending (e.g. 7:reminder,60:visit|letter)";
            int previous = -1;
            for (String level : value.split(",", -1)) {
                String[] parts = level.strip().split(":", -1);
                if (parts.length != 2 || !Pattern.matches("[a-z_]+(\\|[a-z_]+)*", parts[1].strip())) {
                    return problem;
                }
                try {
                    int days = Integer.parseInt(parts[0].strip());
                    if (days <= previous) {
                        return problem;
                    }
                    previous = days;
                } catch (NumberFormatException e) {
                    return problem;
                }
            }
            return null;
        }
    },
    /** Percentages 0..100 (decimals allowed), comma separated. */
    PERCENT_LIST {
        @Override
        String check(String value) {
            String problem = "must be percentages 0-100, comma separated";
            for (String part : value.split(",", -1)) {
                try {
                    double percent = Double.parseDouble(part.strip());
                    if (!(percent >= 0 && percent <= 100) || !Pattern.matches("\\d+(\\.\\d{1,2})?", part.strip())) {
                        return problem;
                    }
                } catch (NumberFormatException e) {
                    return problem;
                }
            }
            return null;
        }
    },
    // --- end of receivables ---
    // --- sales scorecard and care (issue 4) ---
    /**
     * Effective-dated appraisal weights: from:level:sales/profit/new-customers/satisfaction/completion, comma
     * separated; from is the first day of a month, level a position level, the five weights whole percents summing to 100.
     */
    SCORECARD_WEIGHTS {
        @Override
        String check(String value) {
            String problem = "must be from:level:w1/w2/w3/w4/w5 entries, comma separated, from the first day of a month "
                    + "(yyyy-MM-01), five whole-number weights summing to 100";
            if (value.isBlank()) {
                return problem;
            }
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (String entry : value.split(",", -1)) {
                String[] parts = entry.strip().split(":", -1);
                if (parts.length != 3 || !Pattern.matches(NAME, parts[1]) || !seen.add(parts[0] + ":" + parts[1])) {
                    return problem + " (entry '" + entry.strip() + "')";
                }
                try {
                    if (LocalDate.parse(parts[0]).getDayOfMonth() != 1) {
                        return problem + " (entry '" + entry.strip() + "')";
                    }
                    int sum = 0;
                    String[] weights = parts[2].split("/", -1);
                    for (String weight : weights) {
                        int w = Integer.parseInt(weight.strip());
                        if (w < 0) {
                            return problem + " (entry '" + entry.strip() + "')";
                        }
                        sum += w;
                    }
                    if (weights.length != 5 || sum != 100) {
                        return problem + " (entry '" + entry.strip() + "')";
                    }
                } catch (DateTimeException | NumberFormatException e) {
                    return problem + " (entry '" + entry.strip() + "')";
                }
            }
            return null;
        }
    },
    /** How the annual scorecard combines the monthly totals. */
    ANNUAL_METHOD {
        @Override
        String check(String value) {
            return Set.of("mean", "median").contains(value.strip()) ? null : "must be mean or median";
        }
    },
    /** occasion:yyyy-MM-dd entries, comma separated (greeting days other than birthdays). */
    OCCASION_DATES {
        @Override
        String check(String value) {
            String problem = "must be occasion:yyyy-MM-dd entries, comma separated (occasion in lower-case letters, digits and _)";
            if (value.isBlank()) {
                return null;
            }
            for (String entry : value.split(",", -1)) {
                String[] parts = entry.strip().split(":", -1);
                if (parts.length != 2 || !Pattern.matches(NAME, parts[0])) {
                    return problem + " (entry '" + entry.strip() + "')";
                }
                try {
                    LocalDate.parse(parts[1]);
                } catch (DateTimeException e) {
                    return problem + " (entry '" + entry.strip() + "')";
                }
            }
            return null;
        }
    },
    // --- end of sales scorecard and care ---
    // --- compliance (issue 6) ---
    /** Empty, or a date yyyy-MM-dd. */
    OPTIONAL_DATE {
        @Override
        String check(String value) {
            return value.isBlank() ? null : DATE.check(value);
        }
    },
    /** A decimal number, 0 or above (e.g. 3.5). */
    NON_NEGATIVE_DECIMAL {
        @Override
        String check(String value) {
            return Pattern.matches("[0-9]+(\\.[0-9]+)?", value.strip()) ? null : "must be a decimal number, 0 or above (e.g. 3.5)";
        }
    };
    // --- end of compliance ---

    private static final String NAME = "[a-z][a-z0-9_]*";

    abstract String check(String value);
}
