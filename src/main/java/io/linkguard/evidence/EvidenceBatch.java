package io.linkguard.evidence;

import java.util.List;

/** Everything one evidence source delivers for one analysis. */
public record EvidenceBatch(InputSummary input, List<IdentityObservations> identities, List<HubActivity> hubs) {
}
