package dsmart.serving;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A query a report or page runs, with sample parameters: what engine comparisons and latency benchmarks replay. */
public record NamedQuery(String name, String sql, List<Object> params) {
    public NamedQuery {
        requireNonNull(name, "name");
        requireNonNull(sql, "sql");
        params = Collections.unmodifiableList(new ArrayList<>(requireNonNull(params, "params")));
    }
}
