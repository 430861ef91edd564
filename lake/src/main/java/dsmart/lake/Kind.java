package dsmart.lake;

import java.net.URI;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
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
            return Pattern.matches("\\s*[a-z]\\w*\\.[a-z]\\w*:[a-z]\\w*(\\+[a-z]\\w*)*(\\s*,\\s*[a-z]\\w*\\.[a-z]\\w*:[a-z]\\w*(\\+[a-z]\\w*)*)*\\s*", value)
                    ? null : "must be a comma-separated list of system.table:key[+key...]";
        }
    },
    IDENTIFIER {
        @Override
        String check(String value) {
            return Pattern.matches("[a-z][a-z0-9_]*", value) ? null : "must be lower-case letters, digits and _";
        }
    };

    abstract String check(String value);
}
