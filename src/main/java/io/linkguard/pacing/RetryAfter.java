package io.linkguard.pacing;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one reading of a server's "wait before trying again" headers, for every HTTP client LinkGuard runs
 * (the hub's, the ticket sinks'):
 * <ul>
 *   <li>Azure's {@code retry-after-ms} / {@code x-ms-retry-after-ms} (milliseconds) win over</li>
 *   <li>{@code Retry-After} per RFC 9110 section 10.2.3: delta-seconds (digits only) or an HTTP-date in any of
 *   the three forms a recipient must accept (IMF-fixdate, obsolete RFC 850, asctime); a date already
 *   past means "now" (zero).</li>
 * </ul>
 * Negative numbers and garbage are ignored (empty). Every wait is capped at {@link #MAX}: a broken header
 * must not silence a client for days.
 *
 * <p>Hand-written because neither client has a library reading to reuse: azure-core reads these headers only
 * inside its own retry policy (the hub SDK has no azure-core pipeline), and the JDK's {@code HttpClient} of the
 * ticket sinks reads none. No speed question; what it buys is measured by RemediationBenchmark (0.95 of the
 * hub's limit, 0 429s; docs/benchmarks.md).
 */
public final class RetryAfter {
    /** Longest wait a header may impose. */
    public static final Duration MAX = Duration.ofHours(1);

    private static final Pattern DIGITS = Pattern.compile("[0-9]+");
    private static final Pattern RFC_850 = Pattern.compile(
            "[A-Za-z]+, ([0-9]{2})-([A-Za-z]{3})-([0-9]{2}) ([0-9]{2}:[0-9]{2}:[0-9]{2}) GMT");
    private static final Pattern ASCTIME = Pattern.compile(
            "[A-Za-z]{3} ([A-Za-z]{3}) +([0-9]{1,2}) ([0-9]{2}:[0-9]{2}:[0-9]{2}) ([0-9]{4})");
    private static final DateTimeFormatter LOOSE = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm:ss", Locale.ENGLISH);

    private RetryAfter() {
    }

    /**
     * The wait the headers ask for; {@code firstValue} looks a header up by name, case-insensitively
     * (e.g. {@code java.net.http.HttpHeaders::firstValue}).
     */
    public static Optional<Duration> fromHeaders(Function<String, Optional<String>> firstValue, Instant now) {
        for (String name : new String[] {"retry-after-ms", "x-ms-retry-after-ms"}) {
            Optional<Duration> ms = firstValue.apply(name).flatMap(RetryAfter::millis);
            if (ms.isPresent()) {
                return ms;
            }
        }
        return firstValue.apply("retry-after").flatMap(v -> retryAfter(v, now));
    }

    /** One {@code Retry-After} value: delta-seconds or an HTTP-date. */
    public static Optional<Duration> retryAfter(String value, Instant now) {
        String v = value == null ? "" : value.trim();
        if (DIGITS.matcher(v).matches()) {
            return Optional.of(capped(v, ChronoUnit.SECONDS));
        }
        return httpDate(v, now).map(at -> at.isAfter(now) ? min(Duration.between(now, at)) : Duration.ZERO);
    }

    /** One {@code retry-after-ms} value. */
    public static Optional<Duration> millis(String value) {
        String v = value == null ? "" : value.trim();
        return DIGITS.matcher(v).matches() ? Optional.of(capped(v, ChronoUnit.MILLIS)) : Optional.empty();
    }

    private static Duration capped(String digits, ChronoUnit unit) {
        // More than 15 digits is past the cap in either unit (and might not fit a long).
        return digits.length() > 15 ? MAX : min(Duration.of(Long.parseLong(digits), unit));
    }

    private static Duration min(Duration d) {
        return d.compareTo(MAX) > 0 ? MAX : d;
    }

    private static Optional<Instant> httpDate(String v, Instant now) {
        try {
            if (v.endsWith("GMT") && v.length() > 5 && v.charAt(3) == ',') {
                return Optional.of(ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
            }
            Matcher m = RFC_850.matcher(v);
            if (m.matches()) {
                return Optional.of(utc(m.group(1) + " " + m.group(2) + " " + fullYear(m.group(3), now) + " " + m.group(4)));
            }
            m = ASCTIME.matcher(v);
            if (m.matches()) {
                return Optional.of(utc(m.group(2) + " " + m.group(1) + " " + m.group(4) + " " + m.group(3)));
            }
        } catch (DateTimeParseException notADate) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static Instant utc(String dayMonthYearTime) {
        return LocalDateTime.parse(capitalised(dayMonthYearTime), LOOSE).toInstant(ZoneOffset.UTC);
    }

    /** RFC 9110: a two-digit year that would be more than 50 years ahead is the latest such year in the past. */
    private static int fullYear(String twoDigits, Instant now) {
        int thisYear = now.atZone(ZoneOffset.UTC).getYear();
        int year = thisYear / 100 * 100 + Integer.parseInt(twoDigits);
        return year > thisYear + 50 ? year - 100 : year;
    }

    private static String capitalised(String s) {
        StringBuilder b = new StringBuilder(s.toLowerCase(Locale.ROOT));
        for (int i = 0; i < b.length(); i++) {
            if (Character.isLetter(b.charAt(i)) && (i == 0 || b.charAt(i - 1) == ' ')) {
                b.setCharAt(i, Character.toUpperCase(b.charAt(i)));
            }
        }
        return b.toString();
    }
}
