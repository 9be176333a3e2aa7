package io.linkguard.evidence;

import java.util.List;

/**
 * Everything one evidence source delivers for one analysis. {@code populations} (per hub, attribute counts over
 * all active identities, the baseline of fleet cohorts) is empty when the source does not deliver it.
 */
public record EvidenceBatch(InputSummary input, List<IdentityObservations> identities, List<HubActivity> hubs,
                            List<HubPopulation> populations) {

    /** A batch without hub populations: fleet cohorts are then not computed. */
    public EvidenceBatch(InputSummary input, List<IdentityObservations> identities, List<HubActivity> hubs) {
        this(input, identities, hubs, List.of());
    }
}
