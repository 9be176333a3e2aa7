package io.linkguard.evidence;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Derives the evidence contract from observations; the single implementation both sources share. */
public final class EvidenceCalculator {
    /** A precursor logged up to this long after the conflict still explains it (rows of one moment can be logged out of order). */
    public static final long PRECURSOR_SKEW_MILLIS = 5_000;
    private static final int LISTED_VALUES = 8;
    static final long TAKEOVER_MILLIS = 10_000;

    private final EvidenceSettings settings;

    public EvidenceCalculator(EvidenceSettings settings) {
        this.settings = settings;
    }

    public IdentityEvidence calculate(IdentityObservations obs, List<TimeWindow> fleetWindows) {
        List<TimelineEvent> timeline = obs.timeline();
        long[] precursorTimes = timeline.stream().filter(e -> e.kind().isPrecursor())
                .mapToLong(TimelineEvent::timeMillis).sorted().toArray();
        long window = settings.precursorWindow().toMillis();

        int inTimeline = 0;
        int inFleet = 0;
        int after = 0;
        int without = 0;
        List<Double> secondsFromPrecursor = new ArrayList<>();
        List<Long> conflictTimes = new ArrayList<>();
        int[] conflictsPerPrecursor = new int[precursorTimes.length];
        long firstConflict = Long.MAX_VALUE;
        long lastConflict = Long.MIN_VALUE;
        Set<String> ips = new LinkedHashSet<>();
        Set<String> sdks = new LinkedHashSet<>();
        Set<String> protocols = new LinkedHashSet<>();
        List<String> connectIps = new ArrayList<>();
        List<String> connectSdks = new ArrayList<>();
        int connects = 0;
        int renewals = 0;
        SasRenewals sasRenewals = new SasRenewals(settings.renewalWindow().toMillis());

        int takeovers = 0;
        for (int i = 0; i < timeline.size(); i++) {
            TimelineEvent e = timeline.get(i);
            addIfPresent(ips, e.maskedIp());
            addIfPresent(sdks, e.sdkVersion());
            addIfPresent(protocols, e.protocol());
            long t = e.timeMillis();
            if (sasRenewals.completesRenewal(t, e.kind())) {
                renewals++;
            }
            switch (e.kind()) {
                case CONNECT -> {
                    connects++;
                    addIfPresent(connectIps, e.maskedIp());
                    addIfPresent(connectSdks, e.sdkVersion());
                }
                case CONFLICT -> {
                    inTimeline++;
                    firstConflict = Math.min(firstConflict, t);
                    lastConflict = Math.max(lastConflict, t);
                    int p = latestAtOrBefore(precursorTimes, t + PRECURSOR_SKEW_MILLIS);
                    if (explainedByFleetEvent(fleetWindows, t, p < 0 ? Long.MIN_VALUE : precursorTimes[p], window)) {
                        inFleet++;
                        break;
                    }
                    conflictTimes.add(t);
                    if (p >= 0 && t - precursorTimes[p] <= window) {
                        after++;
                        conflictsPerPrecursor[p]++;
                        secondsFromPrecursor.add(Math.max(0, t - precursorTimes[p]) / 1000.0);
                    } else {
                        without++;
                        if (acrossAddresses(timeline, i)) {
                            takeovers++;
                        }
                    }
                }
                default -> { }
            }
        }
        int acrossAddresses = conflictsAcrossAddresses(timeline);
        int ipFlips = returns(connectIps);
        int sdkFlips = returns(connectSdks);
        double alternation = Math.max(ratio(ipFlips, connectIps.size() - 2), ratio(sdkFlips, connectSdks.size() - 2));
        EventCounts c = obs.counts();
        double spanHours = Math.max(1.0, (obs.lastSeenMillis() - obs.firstSeenMillis()) / 3_600_000.0);

        return new IdentityEvidence(
                c.conflicts(), c.conflicts409002(), c.conflicts400027(),
                c.drops404104(), c.authExpired401003(), c.serverErrors5xx(), c.platformFaults(), c.connects(),
                inTimeline, after, without, inFleet,
                Arrays.stream(conflictsPerPrecursor).max().orElse(0),
                (int) Arrays.stream(conflictsPerPrecursor).filter(n -> n >= settings.stormConflicts()).count(),
                median(secondsFromPrecursor),
                median(gapsSeconds(conflictTimes)),
                maxInWindow(conflictTimes, settings.burstWindow().toMillis()),
                round(c.conflicts() / spanHours),
                renewals,
                ips.size(), sdks.size(), protocols.size(),
                firstN(ips), firstN(sdks), firstN(protocols),
                connects, acrossAddresses, takeovers, ipFlips, sdkFlips, round(alternation),
                Instant.ofEpochMilli(obs.firstSeenMillis()), Instant.ofEpochMilli(obs.lastSeenMillis()),
                firstConflict == Long.MAX_VALUE ? null : Instant.ofEpochMilli(firstConflict),
                lastConflict == Long.MIN_VALUE ? null : Instant.ofEpochMilli(lastConflict),
                timeline.size(), obs.timelineOmitted());
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

    /**
     * Conflicts whose closed connection came from another address than the connect nearest in time
     * (within {@link #TAKEOVER_MILLIS}). Counted inside fleet events too and after drops: a device whose
     * carrier gives it a new address on every reconnect has many of them, so only those with no drop
     * before them are takeovers (see {@code takeovers}).
     */
    static int conflictsAcrossAddresses(List<TimelineEvent> timeline) {
        int count = 0;
        for (int i = 0; i < timeline.size(); i++) {
            if (acrossAddresses(timeline, i)) {
                count++;
            }
        }
        return count;
    }

    private static boolean acrossAddresses(List<TimelineEvent> timeline, int i) {
        TimelineEvent c = timeline.get(i);
        if (c.kind() != EventKind.CONFLICT || c.maskedIp() == null) {
            return false;
        }
        TimelineEvent nearest = null;
        for (int j = i - 1; j >= 0 && c.timeMillis() - timeline.get(j).timeMillis() <= TAKEOVER_MILLIS; j--) {
            if (timeline.get(j).kind() == EventKind.CONNECT) {
                nearest = timeline.get(j);
                break;
            }
        }
        for (int j = i + 1; j < timeline.size() && timeline.get(j).timeMillis() - c.timeMillis() <= TAKEOVER_MILLIS; j++) {
            TimelineEvent next = timeline.get(j);
            if (next.kind() == EventKind.CONNECT && (nearest == null
                    || next.timeMillis() - c.timeMillis() < c.timeMillis() - nearest.timeMillis())) {
                nearest = next;
                break;
            }
        }
        return nearest != null && nearest.maskedIp() != null && !nearest.maskedIp().equals(c.maskedIp());
    }

    /** Connects from a value used before, right after a connect from another value (A B A, A B C A). */
    static int returns(List<String> sequence) {
        int count = 0;
        Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < sequence.size(); i++) {
            String now = sequence.get(i);
            if (i > 0 && !now.equals(sequence.get(i - 1)) && seen.contains(now)) {
                count++;
            }
            seen.add(now);
        }
        return count;
    }

    static int maxInWindow(List<Long> sortedTimes, long windowMillis) {
        int best = 0;
        int start = 0;
        for (int end = 0; end < sortedTimes.size(); end++) {
            while (sortedTimes.get(end) - sortedTimes.get(start) >= windowMillis) {
                start++;
            }
            best = Math.max(best, end - start + 1);
        }
        return best;
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

    private static List<Double> gapsSeconds(List<Long> times) {
        List<Double> gaps = new ArrayList<>();
        for (int i = 1; i < times.size(); i++) {
            gaps.add((times.get(i) - times.get(i - 1)) / 1000.0);
        }
        return gaps;
    }

    private static Double median(List<Double> values) {
        if (values.isEmpty()) {
            return null;
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int mid = sorted.length / 2;
        double m = sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
        return round(m);
    }

    private static double ratio(int count, int possible) {
        return possible <= 0 ? 0 : Math.min(1.0, (double) count / possible);
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    private static <T> void addIfPresent(java.util.Collection<T> target, T value) {
        if (value != null) {
            target.add(value);
        }
    }

    private static List<String> firstN(Set<String> values) {
        return values.stream().limit(LISTED_VALUES).toList();
    }
}
