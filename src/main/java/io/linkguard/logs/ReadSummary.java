package io.linkguard.logs;

import java.util.List;

/**
 * What a {@link LogFileReader} run delivered.
 *
 * @param format         the detected format; {@link LogFormat#PORTAL_CSV} (the detection fallback) when the
 *                       input was empty or unreadable before its first meaningful byte
 * @param rows           rows handed to the sink
 * @param warnings       at most about 20 messages; when there were more, the last entry says how many were left out
 * @param stoppedBecause null when the input was read to its end; otherwise why reading stopped early (corrupt
 *                       or truncated input), with the position. Rows delivered before that point are valid.
 */
public record ReadSummary(LogFormat format, long rows, List<String> warnings, String stoppedBecause) {
    public ReadSummary {
        warnings = List.copyOf(warnings);
    }

    /** True when the whole input was read (warnings may still exist). */
    public boolean complete() {
        return stoppedBecause == null;
    }
}
