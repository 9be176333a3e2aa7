package io.linkguard.loganalytics;

import io.linkguard.logs.RawRow;
import java.util.List;

/**
 * The rows of a query's primary table as text cells (dynamic values as their JSON text, datetimes in
 * ISO-8601). {@code partialError} is non-null when the service returned only part of the answer: such
 * a result must not be acted on as if it were complete.
 */
public record QueryResult(List<RawRow> rows, String partialError) {
    public boolean isPartial() {
        return partialError != null;
    }
}
