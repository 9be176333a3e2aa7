package io.linkguard.state;

import com.azure.data.tables.models.TableEntity;
import io.linkguard.events.DebounceMarks;
import io.linkguard.evidence.Identity;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Debounce marks: one row per identity in partition {@code debounce|<hub>} holding until when its evaluation
 * slot is taken. A claim creates the row or replaces an expired one under its ETag, so of several workers
 * claiming at once exactly one wins.
 */
public final class TableDebounceMarks implements DebounceMarks {
    private final StateTables tables;

    public TableDebounceMarks(StateTables tables) {
        this.tables = tables;
    }

    @Override
    public boolean claim(Identity identity, Instant now, Duration period) {
        String partition = "debounce|" + identity.hub();
        String row = TableKeys.identity(identity);
        TableEntity mark = new TableEntity(partition, row).addProperty("Until", Entities.time(now.plus(period)));
        Optional<TableEntity> current = Entities.get(tables.state(), partition, row);
        if (current.isEmpty()) {
            return Entities.create(tables.state(), mark);
        }
        Instant until = Entities.instant(current.get().getProperty("Until"));
        if (until != null && until.isAfter(now)) {
            return false;
        }
        return Entities.replace(tables.state(), mark, current.get().getETag());
    }
}
