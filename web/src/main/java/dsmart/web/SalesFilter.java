package dsmart.web;

import java.time.DateTimeException;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The optional filters of the sales API, checked: months as YYYY-MM (both ends included), a region code of
 * 1 to 32 letters, digits, '_' or '-', a known channel code. A blank parameter counts as absent.
 */
record SalesFilter(YearMonth from, YearMonth to, String region, Channel channel) {
    private static final Pattern MONTH = Pattern.compile("[0-9]{4}-[0-9]{2}");
    private static final Pattern REGION = Pattern.compile("[A-Za-z0-9_-]{1,32}");

    static final SalesFilter NONE = new SalesFilter(null, null, null, null);

    /** Reads the filters from request parameters (name → first value, or null). */
    static SalesFilter parse(Function<String, String> parameter) {
        YearMonth from = month("from", parameter.apply("from"));
        YearMonth to = month("to", parameter.apply("to"));
        if (from != null && to != null && from.isAfter(to)) {
            throw new BadParameterException("parameter from=" + from + " is after to=" + to);
        }
        String region = blankToNull(parameter.apply("region"));
        if (region != null && !REGION.matcher(region).matches()) {
            throw new BadParameterException("parameter region=" + quoted(region)
                    + " is not a region code (1 to 32 letters, digits, '_' or '-')");
        }
        String channelCode = blankToNull(parameter.apply("channel"));
        Channel channel = null;
        if (channelCode != null) {
            channel = Channel.ofCode(channelCode);
            if (channel == null) {
                throw new BadParameterException("parameter channel=" + quoted(channelCode)
                        + " is not a channel: expected one of " + Channel.codes());
            }
        }
        return new SalesFilter(from, to, region, channel);
    }

    SalesFilter withRegion(String wanted) {
        return new SalesFilter(from, to, wanted, channel);
    }

    /** The WHERE clause for these filters, "" when there are none; its values go to {@code params} in order. */
    String where(List<Object> params) {
        List<String> conditions = new ArrayList<>();
        if (from != null) {
            conditions.add("month >= ?");
            params.add(from.atDay(1));
        }
        if (to != null) {
            conditions.add("month < ?");
            params.add(to.plusMonths(1).atDay(1));
        }
        if (region != null) {
            conditions.add("region_code = ?");
            params.add(region);
        }
        if (channel != null) {
            conditions.add("channel = ?");
            params.add(channel.code());
        }
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    private static YearMonth month(String name, String raw) {
        String text = blankToNull(raw);
        if (text == null) {
            return null;
        }
        if (MONTH.matcher(text).matches()) {
            try {
                YearMonth month = YearMonth.parse(text);
                if (month.getYear() >= 1900) {
                    return month;
                }
            } catch (DateTimeException e) {
                // reported below
            }
        }
        throw new BadParameterException("parameter " + name + "=" + quoted(text) + " is not a month as YYYY-MM");
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    /** The value as the message shows it: quoted, cut to 40 characters, control characters replaced. */
    private static String quoted(String value) {
        String shown = value.length() > 40 ? value.substring(0, 40) + "…" : value;
        return "\"" + shown.replaceAll("\\p{Cntrl}", "?") + "\"";
    }
}
