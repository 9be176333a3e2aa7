package io.linkguard.hub;

import static org.assertj.core.api.Assertions.assertThat;

import io.linkguard.pacing.RetryAfterCases;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The tap reads the hub's headers exactly as the shared table says (the JDK hands them over as a map). */
class RetryAfterTapTest {

    static Stream<RetryAfterCases.Case> cases() {
        return RetryAfterCases.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void agreesWithTheSharedTable(RetryAfterCases.Case c) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put(null, List.of("HTTP/1.1 429 Too Many Requests"));
        c.headers().forEach((name, value) -> headers.put(name, List.of(value)));
        assertThat(RetryAfterTap.parse(headers, RetryAfterCases.NOW)).isEqualTo(c.expected());
    }
}
