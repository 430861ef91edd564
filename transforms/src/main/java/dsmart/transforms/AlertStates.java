package dsmart.transforms;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/**
 * The life of one alert key (rule x dimension value) over its scored periods, in order:
 * <pre>
 *   inactive --condition--> pending --held `pending` periods--> firing --condition gone--> resolved (inactive)
 *   pending --condition gone--> cancelled (inactive);  with pending = 1 the first breach fires at once
 *   firing --`repeat` periods since the last notification--> repeat (still firing)
 * </pre>
 * A period that cannot be scored counts as the condition not holding. Each change is one event; an episode
 * (from its first pending or firing period to its resolution) is one alert, identified by its start.
 */
final class AlertStates {
    enum Event { PENDING, FIRING, REPEAT, RESOLVED, CANCELLED }

    /** An event at a scored period: the state after it, the episode's first period and the period it fired (or null). */
    record Transition(MarketRule.Evaluation at, Event event, String state, java.time.LocalDate episodeStart,
            java.time.LocalDate firedAt, int breachedPeriods) {
        Transition {
            requireNonNull(at, "at");
            requireNonNull(event, "event");
            requireNonNull(state, "state");
            requireNonNull(episodeStart, "episodeStart");
        }
    }

    private AlertStates() {}

    static List<Transition> run(List<MarketRule.Evaluation> periods, int pending, int repeat) {
        if (pending < 1 || repeat < 0) {
            throw new IllegalArgumentException("pending must be >= 1 and repeat >= 0, got " + pending + " and " + repeat);
        }
        List<Transition> out = new ArrayList<>();
        String state = "inactive";
        int streak = 0;
        int lastNotified = -1;
        java.time.LocalDate episodeStart = null;
        java.time.LocalDate firedAt = null;
        for (int i = 0; i < periods.size(); i++) {
            MarketRule.Evaluation at = periods.get(i);
            if (at.breached()) {
                streak++;
                if (state.equals("inactive")) {
                    episodeStart = at.period();
                }
                if (!state.equals("firing") && streak >= pending) {
                    state = "firing";
                    firedAt = at.period();
                    lastNotified = i;
                    out.add(new Transition(at, Event.FIRING, state, episodeStart, firedAt, streak));
                } else if (state.equals("inactive")) {
                    state = "pending";
                    out.add(new Transition(at, Event.PENDING, state, episodeStart, null, streak));
                } else if (state.equals("firing") && repeat > 0 && i - lastNotified >= repeat) {
                    lastNotified = i;
                    out.add(new Transition(at, Event.REPEAT, state, episodeStart, firedAt, streak));
                }
            } else {
                if (state.equals("firing")) {
                    out.add(new Transition(at, Event.RESOLVED, "resolved", episodeStart, firedAt, streak));
                } else if (state.equals("pending")) {
                    out.add(new Transition(at, Event.CANCELLED, "cancelled", episodeStart, null, streak));
                }
                state = "inactive";
                streak = 0;
                episodeStart = null;
                firedAt = null;
            }
        }
        return out;
    }
}
