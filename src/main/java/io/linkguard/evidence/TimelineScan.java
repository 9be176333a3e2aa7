package io.linkguard.evidence;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** One pass over an identity's timeline, event by event, for {@link EvidenceCalculator}. */
final class TimelineScan {
    private final TimelineEvent[] timeline;
    private final List<TimeWindow> fleetWindows;
    private final long precursorWindow;
    private final long[] precursorTimes;
    private final SasRenewals sasRenewals;

    int inTimeline;
    int inFleet;
    int after;
    int without;
    int takeovers;
    /**
     * Conflicts whose closed connection came from another address than the connect nearest in time (within
     * {@link EvidenceCalculator#TAKEOVER_MILLIS}). Counted inside fleet events too and after drops: a device whose
     * carrier gives it a new address on every reconnect has many of them, so only those with no drop before them
     * are {@link #takeovers}.
     */
    int acrossAddresses;
    int connects;
    int renewals;
    long firstConflict = Long.MAX_VALUE;
    long lastConflict = Long.MIN_VALUE;
    final int[] conflictsPerPrecursor;
    final double[] secondsFromPrecursor; // the first `after` of them are set
    final long[] conflictTimes; // in time order; the first `conflictTimeCount` of them are set
    int conflictTimeCount;
    final FirstSeen ips = new FirstSeen();
    final FirstSeen sdks = new FirstSeen();
    final FirstSeen protocols = new FirstSeen();
    final List<String> connectIps = new ArrayList<>();
    final List<String> connectSdks = new ArrayList<>();

    TimelineScan(TimelineEvent[] timeline, List<TimeWindow> fleetWindows, long precursorWindow, long renewalWindow) {
        this.timeline = timeline;
        this.fleetWindows = fleetWindows;
        this.precursorWindow = precursorWindow;
        this.precursorTimes = precursorTimes(timeline);
        this.conflictsPerPrecursor = new int[precursorTimes.length];
        this.sasRenewals = new SasRenewals(renewalWindow);
        this.secondsFromPrecursor = new double[timeline.length];
        this.conflictTimes = new long[timeline.length];
    }

    /** The timeline's events in order, by index (a takeover looks at the connects around a conflict). */
    void add(int i) {
        TimelineEvent e = timeline[i];
        ips.add(e.maskedIp());
        sdks.add(e.sdkVersion());
        protocols.add(e.protocol());
        long t = e.timeMillis();
        if (sasRenewals.completesRenewal(t, e.kind())) {
            renewals++;
        }
        if (e.kind() == EventKind.CONNECT) {
            connects++;
            addIfPresent(connectIps, e.maskedIp());
            addIfPresent(connectSdks, e.sdkVersion());
        } else if (e.kind() == EventKind.CONFLICT) {
            conflict(i, t);
        }
    }

    private void conflict(int i, long t) {
        inTimeline++;
        boolean across = acrossAddresses(timeline, i);
        if (across) {
            acrossAddresses++;
        }
        firstConflict = Math.min(firstConflict, t);
        lastConflict = Math.max(lastConflict, t);
        int p = latestAtOrBefore(precursorTimes, t + EvidenceCalculator.PRECURSOR_SKEW_MILLIS);
        if (explainedByFleetEvent(fleetWindows, t, p < 0 ? Long.MIN_VALUE : precursorTimes[p], precursorWindow)) {
            inFleet++;
            return;
        }
        conflictTimes[conflictTimeCount++] = t;
        if (p >= 0 && t - precursorTimes[p] <= precursorWindow) {
            conflictsPerPrecursor[p]++;
            secondsFromPrecursor[after++] = Math.max(0, t - precursorTimes[p]) / 1000.0;
        } else {
            without++;
            if (across) {
                takeovers++;
            }
        }
    }

    /**
     * A conflict inside a fleet event is the event's doing when the identity itself dropped during the event
     * (from a precursor window before its start) shortly before it: reconnecting through an outage can take
     * twice the SDK's first retry. A device that was not hit, or that goes on conflicting after its
     * reconnection, is judged on its own.
     */
    private static boolean explainedByFleetEvent(List<TimeWindow> fleetWindows, long conflict, long precursor,
                                                 long precursorWindow) {
        for (TimeWindow w : fleetWindows) {
            if (w.contains(conflict)) {
                return precursor >= w.fromMillis() - precursorWindow && conflict - precursor <= 2 * precursorWindow;
            }
        }
        return false;
    }

    private static boolean acrossAddresses(TimelineEvent[] timeline, int i) {
        TimelineEvent c = timeline[i];
        if (c.kind() != EventKind.CONFLICT || c.maskedIp() == null) {
            return false;
        }
        TimelineEvent nearest = null;
        long near = EvidenceCalculator.TAKEOVER_MILLIS;
        for (int j = i - 1; j >= 0 && c.timeMillis() - timeline[j].timeMillis() <= near; j--) {
            if (timeline[j].kind() == EventKind.CONNECT) {
                nearest = timeline[j];
                break;
            }
        }
        for (int j = i + 1; j < timeline.length && timeline[j].timeMillis() - c.timeMillis() <= near; j++) {
            TimelineEvent next = timeline[j];
            if (next.kind() == EventKind.CONNECT && (nearest == null
                    || next.timeMillis() - c.timeMillis() < c.timeMillis() - nearest.timeMillis())) {
                nearest = next;
                break;
            }
        }
        return nearest != null && nearest.maskedIp() != null && !nearest.maskedIp().equals(c.maskedIp());
    }

    private static long[] precursorTimes(TimelineEvent[] timeline) {
        long[] times = new long[timeline.length];
        int n = 0;
        for (TimelineEvent e : timeline) {
            if (e.kind().isPrecursor()) {
                times[n++] = e.timeMillis();
            }
        }
        long[] precursors = Arrays.copyOf(times, n);
        Arrays.sort(precursors);
        return precursors;
    }

    private static int latestAtOrBefore(long[] sorted, long t) {
        int i = Arrays.binarySearch(sorted, t);
        if (i >= 0) {
            while (i + 1 < sorted.length && sorted[i + 1] == t) {
                i++;
            }
            return i;
        }
        return -i - 2;
    }


    private static <T> void addIfPresent(java.util.Collection<T> target, T value) {
        if (value != null) {
            target.add(value);
        }
    }
}
