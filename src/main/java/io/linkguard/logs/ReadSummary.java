package io.linkguard.logs;

import java.util.List;
import java.util.Map;

/**
 * What a {@link LogFileReader} run delivered.
 *
 * @param format         the detected format (of the first document, when several follow each other);
 *                       {@link LogFormat#UNRECOGNISED} when no format could be recognised
 * @param rows           rows handed to the sink
 * @param skipped        rows the reader found but could not hand over (an array element that is not a row object,
 *                       a row cut short by the end of the input, ...), by reason; they are not in {@code rows}
 * @param warnings       at most about 20 messages; when there were more, the last entry says how many were left out
 * @param stoppedBecause null when the input was read to its end and holds everything it claims to; otherwise why it
 *                       may not (corrupt or truncated input, a partial query result, an empty or unrecognised input),
 *                       with the position. Rows delivered before that point are valid.
 */
public record ReadSummary(LogFormat format, long rows, Map<String, Long> skipped, List<String> warnings,
                          String stoppedBecause) {
    public ReadSummary {
        skipped = Map.copyOf(skipped);
        warnings = List.copyOf(warnings);
    }

    public ReadSummary(LogFormat format, long rows, List<String> warnings, String stoppedBecause) {
        this(format, rows, Map.of(), warnings, stoppedBecause);
    }

    /** True when the whole input was read (warnings may still exist). */
    public boolean complete() {
        return stoppedBecause == null;
    }

    /** Rows the reader found: delivered plus skipped. */
    public long rowsFound() {
        return rows + skipped.values().stream().mapToLong(Long::longValue).sum();
    }
}
