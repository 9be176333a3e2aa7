package io.linkguard.pacing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RetryAfterTest {

    static Stream<RetryAfterCases.Case> cases() {
        return RetryAfterCases.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void readsTheTable(RetryAfterCases.Case c) {
        assertThat(RetryAfter.fromHeaders(name -> lookup(c.headers(), name), RetryAfterCases.NOW)).isEqualTo(c.expected());
    }

    private static Optional<String> lookup(Map<String, String> headers, String name) {
        return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue).findFirst();
    }
}
