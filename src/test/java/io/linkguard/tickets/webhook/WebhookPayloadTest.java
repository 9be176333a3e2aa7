package io.linkguard.tickets.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.linkguard.classification.Classification;
import io.linkguard.evidence.Identity;
import io.linkguard.findings.Cohort;
import io.linkguard.findings.CohortDimension;
import io.linkguard.findings.PrecursorBreakdown;
import io.linkguard.tickets.TicketBodies;
import io.linkguard.tickets.TicketContent;
import io.linkguard.tickets.TicketRequest;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookPayloadTest {
    private final ObjectMapper json = new ObjectMapper();
    private final List<Identity> members = List.of(new Identity("hub-a", "dev-1", null), new Identity("hub-a", "dev-2", null));
    private final Cohort version = cohort(CohortDimension.SDK_VERSION, "azure-iot-device/1.18.3", 20.0);
    private final Cohort name = cohort(CohortDimension.SDK, "azure-iot-device", 8.0);

    private Cohort cohort(CohortDimension dimension, String value, double lift) {
        return new Cohort("hub-a", Classification.FAULTY_RECONNECT, dimension, value, 2, 3, 40, 1000, lift, 1e-9, 1e-7,
                members, PrecursorBreakdown.EMPTY);
    }

    private JsonNode payload(TicketRequest request) {
        TicketContent content = new TicketContent(TicketContent.Event.OPENED, request.key(), TicketBodies.title(request),
                TicketBodies.opening(request, null), request);
        return WebhookPayload.build(json, "opened", content, "t-1", "d-1", Instant.parse("2026-12-07T12:00:00Z"));
    }

    @Test
    void aCohortTicketCarriesTheCohortsItStandsForAsData() {
        JsonNode p = payload(TicketRequest.forCohort(version, List.of(name), List.of(), "run-1", null));

        assertThat(p.get("cohort").get("value").asText()).isEqualTo("azure-iot-device/1.18.3");
        assertThat(p.get("overlappingCohorts")).hasSize(1);
        JsonNode other = p.get("overlappingCohorts").get(0);
        assertThat(other.get("dimension").asText()).isEqualTo("sdk");
        assertThat(other.get("value").asText()).isEqualTo("azure-iot-device");
        assertThat(other).isEqualTo(json.valueToTree(io.linkguard.plan.PlanJson.cohortTree(name)));
    }

    @Test
    void aCohortThatStandsAloneHasAnEmptyList() {
        JsonNode p = payload(TicketRequest.forCohort(version, List.of(), List.of(), "run-1", null));

        assertThat(p.get("overlappingCohorts").isArray()).isTrue();
        assertThat(p.get("overlappingCohorts")).isEmpty();
    }
}
