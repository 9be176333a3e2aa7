package io.linkguard.classification;

import io.linkguard.evidence.IdentityEvidence;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

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
        reasons.add("connections alternated between " + (byIp ? e.distinctIps() : e.distinctSdkVersions()) + " "
                + (byIp ? "addresses" : "SDK versions") + " (" + String.join(", ", values) + ") with "
                + Math.max(e.ipReturns(), e.sdkReturns()) + " returns to an earlier one in " + e.connectsInTimeline()
                + " connects: more than one client uses this identity");
        reasons.add(e.conflicts() + " conflicts (" + e.conflictsWithoutPrecursor() + " without a preceding drop); in "
                + e.takeovers() + " of those the closed connection came from another address than the one connecting: "
                + "each client kicks the other off");
        if (e.distinctIps() >= 2 && e.distinctSdkVersions() >= 2) {
            reasons.add("also " + e.distinctSdkVersions() + " SDK versions (" + String.join(", ", e.sdkVersions()) + ")");
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
            reasons.add(e.conflictsWithoutPrecursor() + " of " + outside + " conflicts had no drop in the "
                    + precursorWindowSeconds + " s before them: the client opened a new connection while its own was still open");
            confidence = 0.5 + 0.35 * e.unexplainedShare()
                    + 0.14 * Math.min(1.0, e.conflictsWithoutPrecursor() / (2.0 * t.faultyMinUnexplained()));
        } else {
            confidence = 0.6 + 0.1 * Math.min(3, e.stormyRecoveries());
        }
        if (fightsRetries) {
            reasons.add(e.stormyRecoveries() + " drops were each followed by a storm of conflicts (up to "
                    + e.maxConflictsAfterOnePrecursor() + " after one drop): the application re-creates its client while "
                    + "the SDK is still retrying");
        }
        reasons.add((e.distinctIps() <= 1 && e.distinctSdkVersions() <= 1 ? "one client" : "no alternation between clients")
                + ": " + describe(e.distinctIps(), e.ips(), "address", "addresses")
                + ", " + describe(e.distinctSdkVersions(), e.sdkVersions(), "SDK", "SDK versions"));
        if (e.medianSecondsBetweenConflicts() != null) {
            reasons.add("median " + wholeSeconds(e.medianSecondsBetweenConflicts()) + " s between conflicts, up to "
                    + e.maxConflictsInBurstWindow() + " in 10 minutes");
        }
        return new Verdict(Classification.FAULTY_RECONNECT, clamp(confidence), reasons);
    }

    private Verdict platform(IdentityEvidence e, List<String> reasons) {
        reasons.add(e.conflictsInFleetEvent() + " of " + e.conflictsInTimeline() + " conflicts fell inside a hub-wide event");
        if (e.platformFaults() + e.serverErrors5xx() > 0) {
            reasons.add("the identity itself saw " + e.platformFaults() + " platform closes (400029/400030) and "
                    + e.serverErrors5xx() + " hub errors (5xx)");
        }
        reasons.add("nothing to do on the device: the hub made many devices reconnect at once");
        double share = (double) e.conflictsInFleetEvent() / Math.max(1, e.conflictsInTimeline());
        return new Verdict(Classification.PLATFORM_EVENT, clamp(0.5 + 0.45 * share), reasons);
    }

    private Verdict transientVerdict(IdentityEvidence e, int outside, List<String> reasons) {
        double confidence;
        if (e.conflictsAfterPrecursor() > 0) {
            reasons.add(e.conflictsAfterPrecursor() + " of " + outside + " conflicts came within " + precursorWindowSeconds
                    + " s after a drop" + (e.medianSecondsFromPrecursor() == null ? ""
                            : " (median " + wholeSeconds(e.medianSecondsFromPrecursor()) + " s after)"));
            confidence = 0.5 + 0.45 * ((double) e.conflictsAfterPrecursor() / Math.max(1, outside));
        } else {
            confidence = 0.6;
        }
        if (e.conflictsWithoutPrecursor() > 0) {
            reasons.add(e.conflictsWithoutPrecursor() + " unexplained conflict(s): below the " + t.faultyMinUnexplained()
                    + " needed to call the device faulty");
        }
        if (e.sasRenewals() > 0) {
            reasons.add(e.sasRenewals() + " SAS token renewals (401003 then 404104): normal for MQTT");
        }
        reasons.add("a reconnect side effect: leave it be");
        return new Verdict(Classification.TRANSIENT, clamp(confidence), reasons);
    }

    /**
     * As {@code %.0f} would print it (half up) for the non-negative seconds given here; concatenation, because
     * {@code String.format} was a third of the analysis's time (a plan writes several reasons per identity).
     */
    static String wholeSeconds(double seconds) {
        return Long.toString(Math.round(seconds));
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
