package io.linkguard.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LogTimestampsTest {

    static long millis(String iso) {
        return Instant.parse(iso).toEpochMilli();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "2026-11-26T16:17:45.1234567Z | 2026-11-26T16:17:45.123Z",
            "2026-11-26T16:17:45Z         | 2026-11-26T16:17:45Z",
            "2026-11-26 16:17:45.123      | 2026-11-26T16:17:45.123Z",
            "2026-11-26T16:17:45          | 2026-11-26T16:17:45Z",
            "2026-11-26T16:17:45.1Z       | 2026-11-26T16:17:45.100Z",
            "2026-11-26T16:17:45.12Z      | 2026-11-26T16:17:45.120Z",
            "2026-11-26T16:17:45.999999999Z | 2026-11-26T16:17:45.999Z",
            "2026-11-26t16:17:45z         | 2026-11-26T16:17:45Z",
            "2026-11-26T18:17:45.5+02:00  | 2026-11-26T16:17:45.500Z",
            "2026-11-26T11:47:45-0430     | 2026-11-26T16:17:45Z",
            "2026-11-27T01:17:45+09       | 2026-11-26T16:17:45Z",
            "2024-02-29T00:00:00Z         | 2024-02-29T00:00:00Z",
            "1970-01-01T00:00:00Z         | 1970-01-01T00:00:00Z",
            "1969-12-31T23:59:59.999Z     | 1969-12-31T23:59:59.999Z",
            "2026-11-26T16:17Z            | 2026-11-26T16:17:00Z",
            "2026-11-26T16:17:45.123Z[UTC] | 2026-11-26T16:17:45.123Z",
            "'  2026-11-26T16:17:45Z  '   | 2026-11-26T16:17:45Z",
            "'11/26/2026, 4:17:45.123 PM' | 2026-11-26T16:17:45.123Z",
            "'11/26/2026, 4:17:45 PM'     | 2026-11-26T16:17:45Z",
            "'1/2/2026, 12:05:09 AM'      | 2026-01-02T00:05:09Z",
            "'1/2/2026, 12:05:09.5 PM'    | 2026-01-02T12:05:09.500Z",
            "'12/31/2026 11:59:59.999 pm' | 2026-12-31T23:59:59.999Z",
            "'11/26/2026, 4:17:45\u202FPM' | 2026-11-26T16:17:45Z",
    })
    void parsesAcceptedForms(String text, String expectedIso) {
        assertThat(LogTimestamps.parseMillis(text)).isEqualTo(millis(expectedIso));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "", "   ", "yesterday", "2026-13-01T00:00:00Z", "2026-02-29T00:00:00Z", "2026-11-31T00:00:00Z",
            "2026-11-26T24:00:00Z", "2026-11-26T16:60:00Z", "2026-11-26T16:17:45.Z", "2026-11-26T16:17:45ZZ",
            "2026-11-26X16:17:45Z", "2026-11-26T16:17:45+25:00", "26/11/2026 16:17:45",
            "13/26/2026, 4:17:45 PM", "11/26/2026, 13:17:45 PM", "11/26/2026, 0:17:45 AM", "11/26/2026, 4:17:45",
            "11/26/26, 4:17:45 PM", "1732637865000", "2026-11-26T16:17:45.1234567890Z"})
    void rejectsBadInputWithAClearMessage(String text) {
        assertThatThrownBy(() -> LogTimestamps.parseMillis(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("timestamp");
    }

    @Test
    void nullIsAnIllegalArgument() {
        assertThatThrownBy(() -> LogTimestamps.parseMillis(null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("null");
    }

    @Test
    void messageNamesTheInputAndTheExpectedForms() {
        assertThatThrownBy(() -> LogTimestamps.parseMillis("not a time"))
                .hasMessageContaining("'not a time'")
                .hasMessageContaining("ISO-8601")
                .hasMessageContaining("PM");
    }

    @Test
    void fastPathsAgreeWithJavaTimeOverAWideRange() {
        Random rnd = new Random(1);
        DateTimeFormatter portal = DateTimeFormatter.ofPattern("M/d/yyyy, h:mm:ss.SSS a", Locale.US);
        long min = millis("1900-01-01T00:00:00Z");
        long max = millis("2400-12-31T23:59:59.999Z");
        for (int i = 0; i < 20_000; i++) {
            long m = min + (long) (rnd.nextDouble() * (max - min));
            Instant t = Instant.ofEpochMilli(m);
            LocalDateTime local = LocalDateTime.ofInstant(t, ZoneOffset.UTC);
            String iso7 = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS").format(local) + "4567Z";
            assertThat(LogTimestamps.parseMillis(iso7)).as(iso7).isEqualTo(m);
            assertThat(LogTimestamps.parseMillis(t.toString())).isEqualTo(m);
            String p = portal.format(local);
            assertThat(LogTimestamps.parseMillis(p)).as(p).isEqualTo(m);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"+999999999-01-01T00:00:00", "+999999999-01-01T00:00:00Z", "-999999999-01-01T00:00:00Z",
            "+999999999-12-31T23:59:59.999+01:00"})
    void yearsSoFarOutTheirMillisOverflowAreRejectedNotWrappedOrThrownAsAnotherException(String text) {
        assertThatThrownBy(() -> LogTimestamps.parseMillis(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Unrecognised or invalid timestamp");
    }
}
