package dsmart.lake;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Set;
import java.util.TreeSet;

/** Parses "2025-01-01,2025-01-28..2025-02-04" into dates; ranges are inclusive. */
final class DateList {
    private DateList() {}

    static Set<LocalDate> parse(String text) {
        Set<LocalDate> dates = new TreeSet<>();
        for (String item : text.split(",")) {
            String part = item.strip();
            if (part.isEmpty()) {
                continue;
            }
            try {
                int dots = part.indexOf("..");
                if (dots < 0) {
                    dates.add(LocalDate.parse(part));
                    continue;
                }
                LocalDate from = LocalDate.parse(part.substring(0, dots).strip());
                LocalDate to = LocalDate.parse(part.substring(dots + 2).strip());
                if (to.isBefore(from)) {
                    throw new IllegalArgumentException("range " + part + " ends before it starts");
                }
                for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
                    dates.add(day);
                }
            } catch (DateTimeException e) {
                throw new IllegalArgumentException("'" + part + "' is not a date yyyy-MM-dd or a range a..b");
            }
        }
        return dates;
    }
}
