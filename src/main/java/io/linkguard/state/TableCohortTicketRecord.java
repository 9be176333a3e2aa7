package io.linkguard.state;

import com.azure.core.util.Context;
import com.azure.data.tables.models.ListEntitiesOptions;
import com.azure.data.tables.models.TableEntity;
import com.azure.data.tables.models.TableEntityUpdateMode;
import com.azure.data.tables.models.TableServiceException;
import io.linkguard.remediation.CohortTicketRecord;
import io.linkguard.tickets.TicketKey;
import io.linkguard.tickets.TicketState;
import java.util.Map;
import java.util.TreeMap;

/**
 * The cohort tickets not yet resolved, kept across processes: one row per ticket in partition
 * {@code cohort|<hub>}, row key the ticket key ({@link TableKeys#encode}), columns {@code Key} (the key as it is)
 * and the ticket's state as an identity's twin tag keeps it. A resolved ticket's row is deleted, so a hub's
 * partition holds only its open cohort tickets. One writer per hub (the hub's writer lease) writes it, so a
 * remember replaces the row unconditionally.
 */
public final class TableCohortTicketRecord implements CohortTicketRecord {
    private final StateTables tables;

    public TableCohortTicketRecord(StateTables tables) {
        this.tables = tables;
    }

    @Override
    public Map<TicketKey, TicketState> open(String hub) {
        Map<TicketKey, TicketState> out = new TreeMap<>((a, b) -> a.value().compareTo(b.value()));
        ListEntitiesOptions options = new ListEntitiesOptions().setFilter("PartitionKey eq "
                + TableKeys.literal(partition(hub)));
        for (TableEntity e : tables.state().listEntities(options, null, Context.NONE)) {
            out.put(new TicketKey(Entities.text(e, "Key")), state(e));
        }
        return out;
    }

    @Override
    public void remember(String hub, TicketKey key, TicketState state) {
        String row = TableKeys.encode(key.value());
        if (state == null || state.status() == TicketState.Status.RESOLVED) {
            try {
                tables.state().deleteEntity(partition(hub), row);
            } catch (TableServiceException e) {
                if (!TableErrors.notFound(e)) {
                    throw e;
                }
            }
            return;
        }
        TableEntity entity = new TableEntity(partition(hub), row).addProperty("Key", key.value())
                .addProperty("Status", state.status().name());
        put(entity, "Sink", state.sink());
        put(entity, "Reference", state.reference());
        put(entity, "Url", state.url());
        put(entity, "Classification", state.classification());
        if (state.lastUpdate() != null) {
            entity.addProperty("LastUpdate", Entities.time(state.lastUpdate()));
        }
        tables.state().upsertEntityWithResponse(entity, TableEntityUpdateMode.REPLACE, null, Context.NONE);
    }

    static String partition(String hub) {
        return "cohort|" + TableKeys.encode(hub);
    }

    private static void put(TableEntity entity, String name, String value) {
        if (value != null) {
            entity.addProperty(name, value);
        }
    }

    private static TicketState state(TableEntity e) {
        return new TicketState(Entities.text(e, "Sink"), Entities.text(e, "Reference"), Entities.text(e, "Url"),
                TicketState.Status.valueOf(Entities.text(e, "Status")), Entities.instant(e.getProperty("LastUpdate")),
                Entities.text(e, "Classification"));
    }
}
