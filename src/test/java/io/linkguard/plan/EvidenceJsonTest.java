package io.linkguard.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.linkguard.evidence.IdentityEvidence;
import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The hand-written evidence writer against Jackson's record serialization it replaced, on values the simulated
 * plans of PlanJsonStreamingTest may not hold: every nullable component null, empty and many-valued lists,
 * extreme and fractional numbers, times before 1970 and with nanoseconds.
 */
class EvidenceJsonTest {
    private static final ObjectMapper DATABIND = PlanJsonTreeReference.MAPPER;

    @Test
    void nullsAndEmptyListsAsTheRecordSerializerWroteThem() throws IOException {
        IdentityEvidence e = new IdentityEvidence(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, null, null, 0, 0.0, 0, 0,
                0, 0, null, List.of(), null, 0, 0, 0, 0, 0, 0.0, null, null, null, null, 0, 0);
        assertThat(handWritten(e)).isEqualTo(DATABIND.writeValueAsString(e));
    }

    @Test
    void extremeValuesAsTheRecordSerializerWroteThem() throws IOException {
        IdentityEvidence e = new IdentityEvidence(Long.MAX_VALUE, 1, 2, 3, 4, 5, 6, Long.MIN_VALUE, Integer.MAX_VALUE,
                7, 8, 9, 10, 11, 0.1 + 0.2, 1e-9, 12, 1234567.891, 13, 14, 15, 16, List.of("1.2.3.XXX", "\"quoted\" é"),
                List.of("azure-iot-device/1.18.3 (node v20)"), List.of("Mqtt", "Amqp", "MqttWs"), 17, 18, 19, 20, 21,
                2.0 / 3, Instant.parse("1969-12-31T23:59:59.999Z"), Instant.ofEpochSecond(1_900_000_000L, 123_456_789),
                Instant.EPOCH, Instant.parse("2026-11-20T08:00:00Z"), Integer.MIN_VALUE, -1);
        assertThat(handWritten(e)).isEqualTo(DATABIND.writeValueAsString(e));
    }

    private static String handWritten(IdentityEvidence e) throws IOException {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = DATABIND.createGenerator(out)) {
            g.useDefaultPrettyPrinter();
            EvidenceJson.write(g, e);
        }
        return out.toString();
    }
}
