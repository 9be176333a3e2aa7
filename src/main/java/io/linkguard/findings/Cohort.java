package io.linkguard.findings;

import io.linkguard.classification.Classification;
import io.linkguard.evidence.Identity;
import java.util.List;
import java.util.Locale;

/**
 * Identities of one class sharing one attribute value far more often than the active identities of their scope
 * (one hub, or all hubs when {@code hub} is null). {@code members} of {@code classIdentities} carry the value,
 * against {@code valueIdentities} of {@code activeIdentities}; {@code pValue} is the one-sided tail probability,
 * {@code adjustedP} it times the candidates tested.
 */
public record Cohort(String hub, Classification classification, CohortDimension dimension, String value,
                     int members, int classIdentities, int valueIdentities, int activeIdentities,
                     double lift, double pValue, double adjustedP, List<Identity> memberIds,
                     PrecursorBreakdown precursors) {

    public static final String ALL_HUBS = "*";

    public String scope() {
        return hub == null ? ALL_HUBS : hub;
    }

    public double classShare() {
        return classIdentities == 0 ? 0 : (double) members / classIdentities;
    }

    public double activeShare() {
        return activeIdentities == 0 ? 0 : (double) valueIdentities / activeIdentities;
    }

    /** A stable id: scope/class/dimension=value. */
    public String id() {
        return scope() + "/" + classification.label() + "/" + dimension.label() + "=" + value;
    }

    /** Its id and its line: what a run ledger keeps of it. */
    public String summary() {
        return id() + ": " + line();
    }

    /** "azure-iot-device 1.18.3: 4% of active identities, 71% of faulty-reconnect identities". */
    public String line() {
        return String.format(Locale.ROOT, "%s %s: %s of active identities, %s of %s identities (%d of %d, lift %.1f, p %.1e)",
                dimension.label(), value, percent(activeShare()), percent(classShare()), classification.label(),
                members, classIdentities, lift, adjustedP);
    }

    private static String percent(double share) {
        return share >= 0.095 || share == 0 ? Math.round(share * 100) + "%" : String.format(Locale.ROOT, "%.1f%%", share * 100);
    }
}
