package io.linkguard.tickets;

import io.linkguard.tickets.TicketState.Status;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The twin tag holds one {@link TicketState}; with several sinks it must carry one entry per sink. With
 * one sink the state is that sink's, field for field. With several, {@code sink} lists all configured
 * ones ("servicenow,github") and {@code reference} holds "name=STATUS:reference" entries joined by '|'
 * ("servicenow=OPEN:9d3a...|github=PENDING:"); the status is the worst of them (PENDING over OPEN over
 * RESOLVED), the url the first sink's with one, lastUpdate the latest.
 */
final class SinkStates {
    private SinkStates() {
    }

    /** Each configured sink's own state within the remembered one; sinks without an entry are absent. */
    static Map<String, TicketState> split(TicketState state, List<String> sinks) {
        Map<String, TicketState> out = new LinkedHashMap<>();
        if (state == null || state.sink() == null) {
            return out;
        }
        if (!state.sink().contains(",")) {
            if (sinks.contains(state.sink())) {
                out.put(state.sink(), state);
            }
            return out;
        }
        if (state.reference() == null) {
            return out;
        }
        for (String entry : state.reference().split("\\|")) {
            int eq = entry.indexOf('=');
            int colon = entry.indexOf(':', eq + 1);
            if (eq <= 0 || colon < 0) {
                continue;
            }
            String name = entry.substring(0, eq);
            String statusPart = entry.substring(eq + 1, colon);
            int slash = statusPart.indexOf('/');
            String classification = slash < 0 ? state.classification() : statusPart.substring(slash + 1);
            Status status;
            try {
                status = Status.valueOf(slash < 0 ? statusPart : statusPart.substring(0, slash));
            } catch (IllegalArgumentException unknown) {
                continue;
            }
            String ref = entry.substring(colon + 1);
            if (sinks.contains(name)) {
                out.put(name, new TicketState(name, ref.isEmpty() ? null : ref, null, status, state.lastUpdate(),
                        classification));
            }
        }
        return out;
    }

    /** The state to remember for the sinks' results (in configured order; null entries mean "no ticket"). */
    static TicketState join(List<String> sinks, Map<String, TicketState> states, String classification) {
        List<TicketState> present = new ArrayList<>();
        for (String s : sinks) {
            if (states.get(s) != null) {
                present.add(states.get(s));
            }
        }
        if (present.isEmpty()) {
            return null;
        }
        if (sinks.size() == 1) {
            return present.get(0);
        }
        StringBuilder refs = new StringBuilder();
        String url = null;
        Instant last = null;
        Status worst = Status.RESOLVED;
        for (TicketState st : present) {
            refs.append(refs.isEmpty() ? "" : "|").append(st.sink()).append('=').append(st.status());
            if (st.classification() != null && !st.classification().equals(classification)) {
                refs.append('/').append(st.classification());
            }
            refs.append(':').append(st.reference() == null ? "" : st.reference());
            if (url == null) {
                url = st.url();
            }
            if (st.lastUpdate() != null && (last == null || st.lastUpdate().isAfter(last))) {
                last = st.lastUpdate();
            }
            worst = worse(worst, st.status());
        }
        return new TicketState(String.join(",", sinks), refs.toString(), url, worst, last, classification);
    }

    private static Status worse(Status a, Status b) {
        if (a == Status.PENDING || b == Status.PENDING) {
            return Status.PENDING;
        }
        return a == Status.OPEN || b == Status.OPEN ? Status.OPEN : Status.RESOLVED;
    }
}
