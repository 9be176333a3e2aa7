package io.linkguard.logs;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQueries;

/**
 * Parses the timestamps found in log exports to epoch milliseconds (fractions beyond milliseconds are
 * truncated). Accepted forms:
 * <ul>
 *   <li>ISO-8601 with {@code T} or a space, optional fraction (up to 9 digits), and optional zone
 *       ({@code Z}, {@code +01:00}, {@code +0100}); without a zone the time is UTC:
 *       {@code 2026-11-26T16:17:45.1234567Z}, {@code 2026-11-26T16:17:45Z}, {@code 2026-11-26 16:17:45.123};</li>
 *   <li>the portal's CSV form, UTC: {@code 11/26/2026, 4:17:45.123 PM} (comma and fraction optional).</li>
 * </ul>
 * The common forms are parsed by hand without allocation; other ISO-8601 variants (no seconds, region
 * zones) fall back to java.time.
 *
 * <p>Hand-written rather than java.time: HandWrittenPieces parses 15,742,868 portal timestamps/s against
 * 1,002,949 for DateTimeFormatter (15.7x) and 15,780,775 ISO 8601 timestamps/s against 1,547,888 for
 * Instant.parse (10.2x); it runs for every row, and java.time stays the fallback and the reference for anything
 * unusual (LogTimestampsTest; docs/benchmarks.md, "Hand-written pieces").
 */
public final class LogTimestamps {
    private LogTimestamps() {
    }

    private static final long MILLIS_PER_DAY = 86_400_000L;

    /**
     * Epoch millis of {@code text}.
     *
     * @throws IllegalArgumentException if {@code text} is null, blank, or not a valid timestamp in an accepted form
     */
    public static long parseMillis(String text) {
        if (text == null) {
            throw new IllegalArgumentException("timestamp is missing (null)");
        }
        String s = text;
        int len = s.length();
        if (len > 0 && (s.charAt(0) <= ' ' || s.charAt(len - 1) <= ' ')) {
            s = s.strip();
            len = s.length();
        }
        if (len == 0) {
            throw new IllegalArgumentException("timestamp is empty");
        }
        long r;
        if (len >= 19 && s.charAt(4) == '-') {
            r = parseIso(s, len);
        } else if (len >= 8 && (s.charAt(1) == '/' || s.charAt(2) == '/')) {
            r = parsePortal(s, len);
        } else {
            r = FAIL;
        }
        if (r != FAIL) {
            return r;
        }
        return fallback(text, s);
    }

    /** Marker for "fast path did not match"; not a reachable result (year 292 million BC). */
    private static final long FAIL = Long.MIN_VALUE;

    private static int digit(String s, int i) {
        int d = s.charAt(i) - '0';
        return d >= 0 && d <= 9 ? d : -1000; // makes any sum containing it negative
    }

    private static int two(String s, int i) {
        return digit(s, i) * 10 + digit(s, i + 1);
    }

    /** yyyy-MM-dd[T ]HH:mm:ss[.f+][Z|±HH:MM|±HHMM] */
    private static long parseIso(String s, int len) {
        int year = digit(s, 0) * 1000 + digit(s, 1) * 100 + digit(s, 2) * 10 + digit(s, 3);
        int month = two(s, 5);
        int day = two(s, 8);
        char sep = s.charAt(10);
        int hour = two(s, 11);
        int minute = two(s, 14);
        int second = two(s, 17);
        if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59 || s.charAt(7) != '-' || s.charAt(13) != ':' || s.charAt(16) != ':'
                || !(sep == 'T' || sep == ' ' || sep == 't') || day > monthLength(year, month)) {
            return FAIL;
        }
        int i = 19;
        int millis = 0;
        if (i < len && s.charAt(i) == '.') {
            i++;
            int start = i;
            while (i < len && i - start < 9) {
                int d = s.charAt(i) - '0';
                if (d < 0 || d > 9) {
                    break;
                }
                if (i - start < 3) {
                    millis = millis * 10 + d;
                }
                i++;
            }
            int n = i - start;
            if (n == 0) {
                return FAIL;
            }
            if (n == 1) {
                millis *= 100;
            } else if (n == 2) {
                millis *= 10;
            }
        }
        int offsetSeconds = 0;
        if (i < len) {
            char z = s.charAt(i);
            if ((z == 'Z' || z == 'z') && i + 1 == len) {
                i++;
            } else if (z == '+' || z == '-') {
                int oh;
                int om;
                if (len - i == 6 && s.charAt(i + 3) == ':') {
                    oh = two(s, i + 1);
                    om = two(s, i + 4);
                } else if (len - i == 5) {
                    oh = two(s, i + 1);
                    om = two(s, i + 3);
                } else if (len - i == 3) {
                    oh = two(s, i + 1);
                    om = 0;
                } else {
                    return FAIL;
                }
                if (oh < 0 || oh > 18 || om < 0 || om > 59) {
                    return FAIL;
                }
                offsetSeconds = (oh * 3600 + om * 60) * (z == '-' ? -1 : 1);
                i = len;
            } else {
                return FAIL;
            }
        }
        if (i != len) {
            return FAIL;
        }
        return daysFromCivil(year, month, day) * MILLIS_PER_DAY
                + ((hour * 3600L + minute * 60L + second - offsetSeconds) * 1000L) + millis;
    }

    /** M/d/yyyy[,] h:mm:ss[.f+] AM|PM, UTC. */
    private static long parsePortal(String s, int len) {
        int i = 0;
        int[] v = new int[1];
        // month
        i = number(s, i, len, 1, 2, v);
        if (i < 0 || i >= len || s.charAt(i) != '/') {
            return FAIL;
        }
        int month = v[0];
        i = number(s, i + 1, len, 1, 2, v);
        if (i < 0 || i >= len || s.charAt(i) != '/') {
            return FAIL;
        }
        int day = v[0];
        i = number(s, i + 1, len, 4, 4, v);
        if (i < 0) {
            return FAIL;
        }
        int year = v[0];
        if (i < len && s.charAt(i) == ',') {
            i++;
        }
        int ws = i;
        while (i < len && isSpace(s.charAt(i))) {
            i++;
        }
        if (i == ws) {
            return FAIL;
        }
        i = number(s, i, len, 1, 2, v);
        if (i < 0 || i >= len || s.charAt(i) != ':') {
            return FAIL;
        }
        int hour = v[0];
        i = number(s, i + 1, len, 2, 2, v);
        if (i < 0 || i >= len || s.charAt(i) != ':') {
            return FAIL;
        }
        int minute = v[0];
        i = number(s, i + 1, len, 2, 2, v);
        if (i < 0) {
            return FAIL;
        }
        int second = v[0];
        int millis = 0;
        if (i < len && s.charAt(i) == '.') {
            i++;
            int start = i;
            while (i < len && i - start < 9 && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                if (i - start < 3) {
                    millis = millis * 10 + (s.charAt(i) - '0');
                }
                i++;
            }
            int n = i - start;
            if (n == 0) {
                return FAIL;
            }
            millis *= n == 1 ? 100 : n == 2 ? 10 : 1;
        }
        ws = i;
        while (i < len && isSpace(s.charAt(i))) {
            i++;
        }
        if (i == ws || len - i != 2) {
            return FAIL;
        }
        char a = s.charAt(i);
        char m = s.charAt(i + 1);
        if (m != 'M' && m != 'm') {
            return FAIL;
        }
        boolean pm;
        if (a == 'A' || a == 'a') {
            pm = false;
        } else if (a == 'P' || a == 'p') {
            pm = true;
        } else {
            return FAIL;
        }
        if (month < 1 || month > 12 || day < 1 || day > monthLength(year, month) || hour < 1 || hour > 12
                || minute > 59 || second > 59) {
            return FAIL;
        }
        int h24 = (hour % 12) + (pm ? 12 : 0);
        return daysFromCivil(year, month, day) * MILLIS_PER_DAY
                + ((h24 * 3600L + minute * 60L + second) * 1000L) + millis;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\u00A0' || c == '\u202F' || c == '\t';
    }

    /** Parses minDigits..maxDigits digits at i into out[0]; returns the index after them, or -1. */
    private static int number(String s, int i, int len, int minDigits, int maxDigits, int[] out) {
        int start = i;
        int value = 0;
        while (i < len && i - start < maxDigits) {
            int d = s.charAt(i) - '0';
            if (d < 0 || d > 9) {
                break;
            }
            value = value * 10 + d;
            i++;
        }
        if (i - start < minDigits) {
            return -1;
        }
        out[0] = value;
        return i;
    }

    private static int monthLength(int year, int month) {
        switch (month) {
            case 2:
                return (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4:
            case 6:
            case 9:
            case 11:
                return 30;
            default:
                return 31;
        }
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
    static long daysFromCivil(int year, int month, int day) {
        long y = month <= 2 ? year - 1 : year;
        long era = (y >= 0 ? y : y - 399) / 400;
        long yoe = y - era * 400;
        long doy = (153L * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146_097L + doe - 719_468L;
    }

    private static long fallback(String original, String s) {
        String iso = s.length() > 10 && s.charAt(10) == ' ' ? s.substring(0, 10) + 'T' + s.substring(11) : s;
        try {
            int dot = iso.indexOf('.');
            if (dot >= 0 && (dot + 1 == iso.length() || !Character.isDigit(iso.charAt(dot + 1)))) {
                throw new DateTimeException("a decimal point must be followed by digits");
            }
            TemporalAccessor t = DateTimeFormatter.ISO_DATE_TIME.parse(iso);
            LocalDateTime local = LocalDateTime.from(t);
            if (t.query(TemporalQueries.zone()) != null) {
                if (t.isSupported(ChronoField.INSTANT_SECONDS)) {
                    return Math.addExact(Math.multiplyExact(t.getLong(ChronoField.INSTANT_SECONDS), 1000L),
                            t.get(ChronoField.NANO_OF_SECOND) / 1_000_000);
                }
            }
            return local.toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (DateTimeException | ArithmeticException e) {
            // ArithmeticException: a year so far out (e.g. +999999999) that its epoch millis overflow a long.
            throw new IllegalArgumentException("Unrecognised or invalid timestamp '" + abbreviate(original)
                    + "': expected ISO-8601 such as 2026-11-26T16:17:45.123Z (no zone = UTC) or the portal form"
                    + " 11/26/2026, 4:17:45.123 PM (" + e.getMessage() + ")", e);
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
