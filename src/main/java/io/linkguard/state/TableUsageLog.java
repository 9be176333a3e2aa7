package io.linkguard.state;

import com.azure.core.util.Context;
import com.azure.data.tables.models.ListEntitiesOptions;
import com.azure.data.tables.models.TableEntity;
import io.linkguard.remediation.safety.Usage;
import io.linkguard.remediation.safety.UsageLog;
import java.time.Duration;
import java.time.Instant;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What runs spent per hub and minute: partition {@code usage|<hub>}, row the minute (epoch milliseconds, zero
 * padded so rows sort by time), columns {@code Acting}, {@code Backoffs}, {@code Tickets}, {@code TagWrites}.
 * Adding reads the minute's row and replaces it under its ETag (the hub's writer lease already makes one writer
 * per hub; the ETag keeps a straggler from losing counts). Rows older than {@link #KEPT} are deleted as new ones
 * are added, so a hub's partition holds at most a day of minutes whatever the fleet's size.
 */
public final class TableUsageLog implements UsageLog {
    static final Duration KEPT = Duration.ofDays(1);
    private static final int ATTEMPTS = 5;

    private final StateTables tables;

    public TableUsageLog(StateTables tables) {
        this.tables = tables;
    }

    @Override
    public NavigableMap<Instant, Usage> since(String hub, Instant from) {
        NavigableMap<Instant, Usage> out = new TreeMap<>();
        for (TableEntity e : rows(hub, "RowKey ge " + TableKeys.literal(row(UsageLog.minute(from))))) {
            out.put(Instant.ofEpochMilli(Long.parseLong(e.getRowKey())), usage(e));
        }
        return out;
    }

    @Override
    public void add(String hub, Instant at, Usage usage) {
        String partition = partition(hub);
        String row = row(UsageLog.minute(at));
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<TableEntity> current = Entities.get(tables.state(), partition, row);
            if (current.isEmpty() ? Entities.create(tables.state(), entity(partition, row, usage))
                    : Entities.replace(tables.state(), entity(partition, row, usage(current.get()).plus(usage)),
                    current.get().getETag())) {
                forgetBefore(hub, at.minus(KEPT));
                return;
            }
        }
        throw new IllegalStateException("usage of hub " + hub + " not recorded: its row kept changing (" + ATTEMPTS
                + " attempts)");
    }

    private void forgetBefore(String hub, Instant before) {
        for (TableEntity e : rows(hub, "RowKey lt " + TableKeys.literal(row(UsageLog.minute(before))))) {
            Entities.delete(tables.state(), e);
        }
    }

    private Iterable<TableEntity> rows(String hub, String rowFilter) {
        ListEntitiesOptions options = new ListEntitiesOptions().setFilter("PartitionKey eq "
                + TableKeys.literal(partition(hub)) + " and " + rowFilter);
        return tables.state().listEntities(options, null, Context.NONE);
    }

    private static String partition(String hub) {
        return "usage|" + TableKeys.encode(hub);
    }

    private static String row(Instant minute) {
        return String.format("%015d", minute.toEpochMilli());
    }

    private static TableEntity entity(String partition, String row, Usage u) {
        return new TableEntity(partition, row).addProperty("Acting", u.acting()).addProperty("Backoffs", u.backoffs())
                .addProperty("Tickets", u.tickets()).addProperty("TagWrites", u.tagWrites());
    }

    private static Usage usage(TableEntity e) {
        return new Usage((int) Entities.number(e, "Acting"), (int) Entities.number(e, "Backoffs"),
                (int) Entities.number(e, "Tickets"), (int) Entities.number(e, "TagWrites"));
    }
}
