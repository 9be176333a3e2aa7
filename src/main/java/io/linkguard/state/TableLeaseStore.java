package io.linkguard.state;

import com.azure.core.util.Context;
import com.azure.data.tables.models.ListEntitiesOptions;
import com.azure.data.tables.models.TableEntity;
import com.azure.data.tables.models.TableTransactionAction;
import com.azure.data.tables.models.TableTransactionActionType;
import com.azure.data.tables.models.TableTransactionFailedException;
import io.linkguard.pipeline.LeaseStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Leases as rows of partition {@value #PARTITION}: {@code Owner} and {@code Until}. Taking a lease creates its
 * row, or replaces an expired one under its ETag; giving it back deletes the row under its ETag. Many leases
 * are taken in entity-group transactions of up to 100 rows: when one row of a transaction lost a race, the
 * service names it, and the rest are tried again without it.
 */
public final class TableLeaseStore implements LeaseStore {
    static final String PARTITION = "lease";
    private static final int BATCH = 100;

    private final StateTables tables;

    public TableLeaseStore(StateTables tables) {
        this.tables = tables;
    }

    @Override
    public Optional<Holder> tryAcquire(String name, String owner, Instant now, Duration duration) {
        String row = TableKeys.encode(name);
        for (int attempt = 0; attempt < 3; attempt++) {
            Optional<TableEntity> current = Entities.get(tables.state(), PARTITION, row);
            TableEntity lease = lease(row, owner, now.plus(duration));
            if (current.isEmpty()) {
                if (Entities.create(tables.state(), lease)) {
                    return Optional.empty();
                }
                continue;
            }
            Holder holder = holder(current.get());
            if (holder.until().isAfter(now) && !holder.owner().equals(owner)) {
                return Optional.of(holder);
            }
            if (Entities.replace(tables.state(), lease, current.get().getETag())) {
                return Optional.empty();
            }
        }
        return Entities.get(tables.state(), PARTITION, row).map(TableLeaseStore::holder)
                .or(() -> Optional.of(new Holder("unknown", now)));
    }

    /**
     * Extends the lease {@code name} to {@code now + duration} if {@code owner} still holds it, under its ETag.
     *
     * @return false when the row is gone, someone else holds it, or it changed since it was read: the lease is lost
     */
    public boolean renew(String name, String owner, Instant now, Duration duration) {
        String row = TableKeys.encode(name);
        Optional<TableEntity> current = Entities.get(tables.state(), PARTITION, row);
        if (current.isEmpty() || !owner.equals(Entities.text(current.get(), "Owner"))) {
            return false;
        }
        return Entities.replace(tables.state(), lease(row, owner, now.plus(duration)), current.get().getETag());
    }

    @Override
    public void release(String name, String owner) {
        Entities.get(tables.state(), PARTITION, TableKeys.encode(name))
                .filter(e -> owner.equals(Entities.text(e, "Owner")))
                .ifPresent(e -> Entities.delete(tables.state(), e));
    }

    @Override
    public Set<String> acquireAll(Collection<String> names, String owner, Instant now, Duration duration) {
        Map<String, TableEntity> existing = existing();
        Map<String, String> byRow = new LinkedHashMap<>();
        List<TableTransactionAction> actions = new ArrayList<>();
        for (String name : new LinkedHashSet<>(names)) {
            String row = TableKeys.encode(name);
            byRow.put(row, name);
            TableEntity current = existing.get(row);
            if (current == null) {
                actions.add(new TableTransactionAction(TableTransactionActionType.CREATE, lease(row, owner, now.plus(duration))));
                continue;
            }
            Holder holder = holder(current);
            if (holder.until().isAfter(now) && !holder.owner().equals(owner)) {
                continue;
            }
            TableEntity renewed = Entities.replacing(current).addProperty("Owner", owner)
                    .addProperty("Until", Entities.time(now.plus(duration)));
            actions.add(new TableTransactionAction(TableTransactionActionType.UPDATE_REPLACE, renewed, true));
        }
        Set<String> taken = new LinkedHashSet<>();
        for (List<TableTransactionAction> chunk : submitAll(actions)) {
            chunk.forEach(a -> taken.add(byRow.get(a.getEntity().getRowKey())));
        }
        return taken;
    }

    @Override
    public void releaseAll(Collection<String> names, String owner) {
        Set<String> rows = new LinkedHashSet<>();
        names.forEach(n -> rows.add(TableKeys.encode(n)));
        List<TableTransactionAction> deletes = new ArrayList<>();
        for (TableEntity e : existing().values()) {
            if (rows.contains(e.getRowKey()) && owner.equals(Entities.text(e, "Owner"))) {
                deletes.add(new TableTransactionAction(TableTransactionActionType.DELETE, e, true));
            }
        }
        submitAll(deletes);
    }

    /** Submits in transactions of up to 100; returns the chunks as finally committed (losers removed). */
    private List<List<TableTransactionAction>> submitAll(List<TableTransactionAction> actions) {
        List<List<TableTransactionAction>> committed = new ArrayList<>();
        for (int from = 0; from < actions.size(); from += BATCH) {
            List<TableTransactionAction> chunk = new ArrayList<>(actions.subList(from, Math.min(actions.size(), from + BATCH)));
            while (!chunk.isEmpty()) {
                try {
                    tables.state().submitTransactionWithResponse(chunk, null, Context.NONE);
                    committed.add(chunk);
                    break;
                } catch (TableTransactionFailedException e) {
                    Integer failed = e.getFailedTransactionActionIndex();
                    if (failed == null || failed < 0 || failed >= chunk.size() || !TableErrors.lostRace(e)) {
                        throw e;
                    }
                    chunk.remove((int) failed);
                }
            }
        }
        return committed;
    }

    private Map<String, TableEntity> existing() {
        Map<String, TableEntity> rows = new HashMap<>();
        ListEntitiesOptions options = new ListEntitiesOptions().setFilter("PartitionKey eq " + TableKeys.literal(PARTITION));
        for (TableEntity e : tables.state().listEntities(options, null, Context.NONE)) {
            rows.put(e.getRowKey(), e);
        }
        return rows;
    }

    private static TableEntity lease(String row, String owner, Instant until) {
        return new TableEntity(PARTITION, row).addProperty("Owner", owner).addProperty("Until", Entities.time(until));
    }

    private static Holder holder(TableEntity e) {
        Instant until = Entities.instant(e.getProperty("Until"));
        return new Holder(Entities.text(e, "Owner"), until == null ? Instant.EPOCH : until);
    }
}
