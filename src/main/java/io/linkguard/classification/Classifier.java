package io.linkguard.classification;

import io.linkguard.evidence.IdentityEvidence;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Decides an identity's class from its evidence. Conflicts inside a hub-wide event are set aside first:
 * what remains decides whether the identity itself misbehaves.
 */
public final class Classifier {
    private final Thresholds t;
    private final long precursorWindowSeconds;

    public Classifier(Thresholds thresholds, Duration precursorWindow) {
        this.t = thresholds;
        this.precursorWindowSeconds = precursorWindow.toSeconds();
    }

    public Verdict classify(IdentityEvidence e) {
        int outside = e.conflictsInTimeline() - e.conflictsInFleetEvent();
        List<String> reasons = new ArrayList<>();
        if (outside >= t.minConflicts() && isShared(e)) {
            return shared(e, outside, reasons);
        }
        boolean unexplained = e.conflictsWithoutPrecursor() >= t.faultyMinUnexplained()
                && e.unexplainedShare() >= t.faultyMinUnexplainedShare();
        boolean fightsRetries = outside >= t.minConflicts()
                && e.stormyRecoveries() >= t.faultyMinStormyRecoveries();
        if (unexplained || fightsRetries) {
            return faulty(e, outside, unexplained, fightsRetries, reasons);
        }
        if (e.conflictsInFleetEvent() > 0 && e.conflictsInFleetEvent() >= e.conflictsAfterPrecursor()) {
            return platform(e, reasons);
        }
        return transientVerdict(e, outside, reasons);
    }

    /**
     * Two clients: takeovers (a conflict with no drop before it that closed another address's connection)
     * with returns to an earlier address, or returns to an earlier SDK version. Addresses that merely
     * change after drops are a carrier network handing out a new address on each reconnect, not a second
     * client; SDK versions do not change that way.
     */
    private boolean isShared(IdentityEvidence e) {
        boolean byAddress = e.distinctIps() >= 2 && e.takeovers() >= t.minConflicts() && e.ipReturns() >= 2;
        boolean bySdk = e.distinctSdkVersions() >= 2 && e.sdkReturns() >= t.sharedMinReturns()
                && sdkAlternation(e) >= t.sharedMinAlternation();
        return byAddress || bySdk;
    }

    private static double sdkAlternation(IdentityEvidence e) {
        int possible = e.connectsInTimeline() - 2;
        return possible <= 0 ? 0 : Math.min(1.0, (double) e.sdkReturns() / possible);
    }

    private Verdict shared(IdentityEvidence e, int outside, List<String> reasons) {
        boolean byIp = e.takeovers() >= t.minConflicts() && e.ipReturns() >= 2 && e.ipReturns() >= e.sdkReturns();
        List<String> values = byIp ? e.ips() : e.sdkVersions();
        reasons.add(String.format(Locale.ROOT,
                "connections alternated between %d %s (%s) with %d returns to an earlier one in %d connects: "
                        + "more than one client uses this identity",
                byIp ? e.distinctIps() : e.distinctSdkVersions(), byIp ? "addresses" : "SDK versions",
                String.join(", ", values), Math.max(e.ipReturns(), e.sdkReturns()), e.connectsInTimeline()));
        reasons.add(String.format(Locale.ROOT, "%d conflicts (%d without a preceding drop); in %d of those the closed "
                        + "connection came from another address than the one connecting: each client kicks the other off",
                e.conflicts(), e.conflictsWithoutPrecursor(), e.takeovers()));
        if (e.distinctIps() >= 2 && e.distinctSdkVersions() >= 2) {
            reasons.add(String.format(Locale.ROOT, "also %d SDK versions (%s)", e.distinctSdkVersions(),
                    String.join(", ", e.sdkVersions())));
        }
        reasons.add("backing off cannot help: give each client its own identity (re-provision the clones)");
        double confidence = 0.5
                + 0.3 * Math.min(1.0, e.alternationRatio() / 0.6)
                + 0.1 * Math.min(1.0, Math.max(e.ipReturns(), e.sdkReturns()) / 6.0)
                + (e.distinctIps() >= 2 && e.distinctSdkVersions() >= 2 ? 0.09 : 0)
                + (outside >= 2 * t.minConflicts() ? 0.0 : -0.1);
        return new Verdict(Classification.SHARED_IDENTITY, clamp(confidence), reasons);
    }

    private Verdict faulty(IdentityEvidence e, int outside, boolean unexplained, boolean fightsRetries,
                           List<String> reasons) {
        double confidence;
        if (unexplained) {
            reasons.add(String.format(Locale.ROOT,
                    "%d of %d conflicts had no drop in the %d s before them: the client opened a new connection "
                            + "while its own was still open", e.conflictsWithoutPrecursor(), outside, precursorWindowSeconds));
            confidence = 0.5 + 0.35 * e.unexplainedShare()
                    + 0.14 * Math.min(1.0, e.conflictsWithoutPrecursor() / (2.0 * t.faultyMinUnexplained()));
        } else {
            confidence = 0.6 + 0.1 * Math.min(3, e.stormyRecoveries());
        }
        if (fightsRetries) {
            reasons.add(String.format(Locale.ROOT,
                    "%d drops were each followed by a storm of conflicts (up to %d after one drop): the application "
                            + "re-creates its client while the SDK is still retrying", e.stormyRecoveries(),
                    e.maxConflictsAfterOnePrecursor()));
        }
        reasons.add(String.format(Locale.ROOT, "%s: %s, %s", e.distinctIps() <= 1 && e.distinctSdkVersions() <= 1
                        ? "one client" : "no alternation between clients",
                describe(e.distinctIps(), e.ips(), "address", "addresses"),
                describe(e.distinctSdkVersions(), e.sdkVersions(), "SDK", "SDK versions")));
        if (e.medianSecondsBetweenConflicts() != null) {
            reasons.add(String.format(Locale.ROOT, "median %.0f s between conflicts, up to %d in 10 minutes",
                    e.medianSecondsBetweenConflicts(), e.maxConflictsInBurstWindow()));
        }
        return new Verdict(Classification.FAULTY_RECONNECT, clamp(confidence), reasons);
    }

    private Verdict platform(IdentityEvidence e, List<String> reasons) {
        reasons.add(String.format(Locale.ROOT, "%d of %d conflicts fell inside a hub-wide event",
                e.conflictsInFleetEvent(), e.conflictsInTimeline()));
        if (e.platformFaults() + e.serverErrors5xx() > 0) {
            reasons.add(String.format(Locale.ROOT, "the identity itself saw %d platform closes (400029/400030) and %d hub errors (5xx)",
                    e.platformFaults(), e.serverErrors5xx()));
        }
        reasons.add("nothing to do on the device: the hub made many devices reconnect at once");
        double share = (double) e.conflictsInFleetEvent() / Math.max(1, e.conflictsInTimeline());
        return new Verdict(Classification.PLATFORM_EVENT, clamp(0.5 + 0.45 * share), reasons);
    }

    private Verdict transientVerdict(IdentityEvidence e, int outside, List<String> reasons) {
        double confidence;
        if (e.conflictsAfterPrecursor() > 0) {
            reasons.add(String.format(Locale.ROOT, "%d of %d conflicts came within %d s after a drop%s",
                    e.conflictsAfterPrecursor(), outside, precursorWindowSeconds,
                    e.medianSecondsFromPrecursor() == null ? "" : String.format(Locale.ROOT, " (median %.0f s after)",
                            e.medianSecondsFromPrecursor())));
            confidence = 0.5 + 0.45 * ((double) e.conflictsAfterPrecursor() / Math.max(1, outside));
        } else {
            confidence = 0.6;
        }
        if (e.conflictsWithoutPrecursor() > 0) {
            reasons.add(String.format(Locale.ROOT, "%d unexplained conflict(s): below the %d needed to call the device faulty",
                    e.conflictsWithoutPrecursor(), t.faultyMinUnexplained()));
        }
        if (e.sasRenewals() > 0) {
            reasons.add(String.format(Locale.ROOT, "%d SAS token renewals (401003 then 404104): normal for MQTT", e.sasRenewals()));
        }
        reasons.add("a reconnect side effect: leave it be");
        return new Verdict(Classification.TRANSIENT, clamp(confidence), reasons);
    }

    private static String describe(int distinct, List<String> values, String one, String many) {
        if (distinct == 0) {
            return "no " + one + " logged";
        }
        return distinct == 1 ? one + " " + values.get(0) : distinct + " " + many + " " + String.join(", ", values);
    }

    private static double clamp(double confidence) {
        return Math.round(Math.max(0.05, Math.min(0.99, confidence)) * 100) / 100.0;
    }
}
