package io.linkguard.findings;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.linkguard.evidence.TimeWindow;
import io.linkguard.evidence.Timelines;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrecursorAttributionTest {
    private final PrecursorAttribution attribution = new PrecursorAttribution(120_000, 60_000);

    private Map<PrecursorCause, Integer> causes(Timelines t, List<TimeWindow> fleet) {
        return attribution.conflictsByCause(t.observations().timeline(), fleet);
    }

    @Test
    void namesEachDropBeforeAConflict() {
        Timelines t = Timelines.of("d").at(0).connect("A")
                .at(100).drop().at(103).connect("A").conflict("A")                              // keep-alive loss
                .at(1000).authExpired().at(1010).drop().at(1012).connect("A").conflict("A")     // SAS renewal
                .at(2000).authExpired().at(2004).connect("A").conflict("A")                      // token expiry, no 404104
                .at(3000).serverError().at(3002).connect("A").conflict("A")                     // 5xx
                .at(4000).platformFault().at(4002).connect("A").conflict("A")                   // platform upgrade
                .at(5000).connect("A").conflict("A");                                            // no drop: not counted
        assertEquals(Map.of(PrecursorCause.KEEP_ALIVE_LOSS, 1, PrecursorCause.SAS_RENEWAL, 1, PrecursorCause.TOKEN_EXPIRY, 1,
                PrecursorCause.SERVER_ERROR, 1, PrecursorCause.PLATFORM_FAULT, 1), causes(t, List.of()));
    }

    @Test
    void conflictsTooLateOrInsideAFleetEventAreLeftOut() {
        Timelines t = Timelines.of("d").at(0).connect("A").at(100).drop().at(300).connect("A").conflict("A")
                .at(1000).drop().at(1002).connect("A").conflict("A");
        long t0 = Timelines.T0;
        assertEquals(Map.of(), causes(t, List.of(new TimeWindow(t0 + 900_000, t0 + 1_100_000))));
        assertEquals(Map.of(PrecursorCause.KEEP_ALIVE_LOSS, 1), causes(t, List.of()));
    }

    @Test
    void breakdownCountsIdentitiesByTheirMostFrequentCause() {
        PrecursorBreakdown b = new PrecursorBreakdown.Builder()
                .add(Map.of(PrecursorCause.KEEP_ALIVE_LOSS, 3, PrecursorCause.SERVER_ERROR, 1))
                .add(Map.of(PrecursorCause.SERVER_ERROR, 2))
                .add(Map.of(PrecursorCause.SERVER_ERROR, 1))
                .add(Map.of())
                .build();
        assertEquals(3, b.identities());
        assertEquals(new PrecursorBreakdown.Count(1, 3), b.byCause().get(PrecursorCause.KEEP_ALIVE_LOSS));
        assertEquals(new PrecursorBreakdown.Count(2, 4), b.byCause().get(PrecursorCause.SERVER_ERROR));
        assertEquals(PrecursorCause.SERVER_ERROR, b.dominant());
    }
}
