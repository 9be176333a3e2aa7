package io.linkguard.evidence;

import java.time.Instant;
import java.util.Arrays;
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
        // Decoded once: the observations' timeline decodes an event on every get, and the scans look back and forth.
        TimelineEvent[] timeline = obs.timeline().toArray(new TimelineEvent[0]);
        TimelineScan scan = new TimelineScan(timeline, fleetWindows, settings.precursorWindow().toMillis(),
                settings.renewalWindow().toMillis());
        // The loop stays this small so that compiling it while it runs (on-stack replacement) is cheap.
        for (int i = 0; i < timeline.length; i++) {
            scan.add(i);
        }
        return evidence(obs, timeline, scan);
    }

    private IdentityEvidence evidence(IdentityObservations obs, TimelineEvent[] timeline, TimelineScan scan) {
        int ipFlips = returns(scan.connectIps);
        int sdkFlips = returns(scan.connectSdks);
        double alternation = Math.max(ratio(ipFlips, scan.connectIps.size() - 2),
                ratio(sdkFlips, scan.connectSdks.size() - 2));
        EventCounts c = obs.counts();
        double[] gaps = gapsSeconds(scan.conflictTimes, scan.conflictTimeCount);
        double spanHours = Math.max(1.0, (obs.lastSeenMillis() - obs.firstSeenMillis()) / 3_600_000.0);

        return new IdentityEvidence(
                c.conflicts(), c.conflicts409002(), c.conflicts400027(),
                c.drops404104(), c.authExpired401003(), c.serverErrors5xx(), c.platformFaults(), c.connects(),
                scan.inTimeline, scan.after, scan.without, scan.inFleet,
                max(scan.conflictsPerPrecursor),
                atLeast(scan.conflictsPerPrecursor, settings.stormConflicts()),
                median(scan.secondsFromPrecursor, scan.after),
                median(gaps, gaps.length),
                maxInWindow(scan.conflictTimes, scan.conflictTimeCount, settings.burstWindow().toMillis()),
                round(c.conflicts() / spanHours),
                scan.renewals,
                scan.ips.size(), scan.sdks.size(), scan.protocols.size(),
                scan.ips.first(LISTED_VALUES), scan.sdks.first(LISTED_VALUES), scan.protocols.first(LISTED_VALUES),
                scan.connects, scan.acrossAddresses, scan.takeovers, ipFlips, sdkFlips, round(alternation),
                Instant.ofEpochMilli(obs.firstSeenMillis()), Instant.ofEpochMilli(obs.lastSeenMillis()),
                scan.firstConflict == Long.MAX_VALUE ? null : Instant.ofEpochMilli(scan.firstConflict),
                scan.lastConflict == Long.MIN_VALUE ? null : Instant.ofEpochMilli(scan.lastConflict),
                timeline.length, obs.timelineOmitted());
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

    /** The most of the first {@code n} (sorted) times within any window of {@code windowMillis}. */
    static int maxInWindow(long[] sortedTimes, int n, long windowMillis) {
        int best = 0;
        int start = 0;
        for (int end = 0; end < n; end++) {
            while (sortedTimes[end] - sortedTimes[start] >= windowMillis) {
                start++;
            }
            best = Math.max(best, end - start + 1);
        }
        return best;
    }

    private static int max(int[] values) {
        int max = 0;
        for (int v : values) {
            max = Math.max(max, v);
        }
        return max;
    }

    private static int atLeast(int[] values, int floor) {
        int count = 0;
        for (int v : values) {
            if (v >= floor) {
                count++;
            }
        }
        return count;
    }

    private static double[] gapsSeconds(long[] times, int n) {
        double[] gaps = new double[Math.max(0, n - 1)];
        for (int i = 1; i < n; i++) {
            gaps[i - 1] = (times[i] - times[i - 1]) / 1000.0;
        }
        return gaps;
    }

    /** The median of the first {@code n} values, or null for none. */
    private static Double median(double[] values, int n) {
        if (n == 0) {
            return null;
        }
        double[] sorted = Arrays.copyOf(values, n);
        Arrays.sort(sorted);
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
}
