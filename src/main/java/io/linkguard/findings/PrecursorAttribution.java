package io.linkguard.findings;

import io.linkguard.evidence.EventKind;
import io.linkguard.evidence.EvidenceCalculator;
import io.linkguard.evidence.TimeWindow;
import io.linkguard.evidence.TimelineEvent;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Which drop preceded each conflict of an identity: the same rule as the evidence contract (the latest precursor
 * at most the precursor window before the conflict, or logged up to 5 s after it; conflicts inside fleet events
 * left out), with the precursor named by {@link PrecursorCause}. A 401003 directly followed by a 404104 within
 * the renewal window is the SAS renewal, both of its rows.
 */
final class PrecursorAttribution {
    private final long windowMillis;
    private final long renewalMillis;

    PrecursorAttribution(long windowMillis, long renewalMillis) {
        this.windowMillis = windowMillis;
        this.renewalMillis = renewalMillis;
    }

    Map<PrecursorCause, Integer> conflictsByCause(List<TimelineEvent> timeline, List<TimeWindow> fleetWindows) {
        List<TimelineEvent> precursors = new ArrayList<>();
        long[] conflicts = new long[timeline.size()]; // their times: the timeline decodes an event on every read
        int conflictCount = 0;
        for (TimelineEvent e : timeline) {
            if (e.kind().isPrecursor()) {
                precursors.add(e);
            } else if (e.kind() == EventKind.CONFLICT) {
                conflicts[conflictCount++] = e.timeMillis();
            }
        }
        PrecursorCause[] causes = new PrecursorCause[precursors.size()];
        for (int i = 0; i < causes.length; i++) {
            TimelineEvent e = precursors.get(i);
            causes[i] = switch (e.kind()) {
                case DROP -> i > 0 && precursors.get(i - 1).kind() == EventKind.AUTH_EXPIRED
                        && e.timeMillis() - precursors.get(i - 1).timeMillis() <= renewalMillis
                        ? PrecursorCause.SAS_RENEWAL : PrecursorCause.KEEP_ALIVE_LOSS;
                case AUTH_EXPIRED -> i + 1 < causes.length && precursors.get(i + 1).kind() == EventKind.DROP
                        && precursors.get(i + 1).timeMillis() - e.timeMillis() <= renewalMillis
                        ? PrecursorCause.SAS_RENEWAL : PrecursorCause.TOKEN_EXPIRY;
                case SERVER_ERROR -> PrecursorCause.SERVER_ERROR;
                default -> PrecursorCause.PLATFORM_FAULT;
            };
        }
        Map<PrecursorCause, Integer> result = new EnumMap<>(PrecursorCause.class);
        int latest = -1; // the timeline is in time order: the latest precursor only moves forward
        for (int c = 0; c < conflictCount; c++) {
            long time = conflicts[c];
            while (latest + 1 < causes.length
                    && precursors.get(latest + 1).timeMillis() <= time + EvidenceCalculator.PRECURSOR_SKEW_MILLIS) {
                latest++;
            }
            if (latest >= 0 && !inFleetEvent(fleetWindows, time)
                    && time - precursors.get(latest).timeMillis() <= windowMillis) {
                result.merge(causes[latest], 1, Integer::sum);
            }
        }
        return result;
    }

    private static boolean inFleetEvent(List<TimeWindow> fleetWindows, long time) {
        for (TimeWindow w : fleetWindows) {
            if (w.contains(time)) {
                return true;
            }
        }
        return false;
    }
}
