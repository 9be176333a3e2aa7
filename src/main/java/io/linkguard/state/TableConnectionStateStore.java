package io.linkguard.state;

import com.azure.data.tables.models.TableEntity;
import io.linkguard.events.ConnectionState;
import io.linkguard.events.ConnectionStateStore;
import io.linkguard.events.IdentityConnectionState;
import io.linkguard.events.SequenceNumber;
import io.linkguard.evidence.Identity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Per-identity connection state: one row per identity in partition {@code conn|<hub>}, versioned by its ETag. */
public final class TableConnectionStateStore implements ConnectionStateStore {
    private final StateTables tables;

    public TableConnectionStateStore(StateTables tables) {
        this.tables = tables;
    }

    static String partition(String hub) {
        return "conn|" + hub;
    }

    @Override
    public Optional<Versioned> load(Identity identity) {
        return Entities.get(tables.state(), partition(identity.hub()), TableKeys.identity(identity))
                .map(e -> new Versioned(state(e), e.getETag()));
    }

    @Override
    public boolean save(Identity identity, IdentityConnectionState state, String version) {
        TableEntity entity = new TableEntity(partition(identity.hub()), TableKeys.identity(identity))
                .addProperty("DeviceId", identity.deviceId())
                .addProperty("LastSequence", state.lastSequence().hex())
                .addProperty("LastState", state.lastState().name())
                .addProperty("LastEventTime", Entities.time(state.lastEventTime()))
                .addProperty("Flaps", state.flaps().stream().map(t -> Long.toString(t.toEpochMilli())).collect(Collectors.joining(",")))
                .addProperty("Duplicates", state.duplicates())
                .addProperty("OutOfOrder", state.outOfOrder());
        if (identity.moduleId() != null) {
            entity.addProperty("ModuleId", identity.moduleId());
        }
        return version == null ? Entities.create(tables.state(), entity) : Entities.replace(tables.state(), entity, version);
    }

    private static IdentityConnectionState state(TableEntity e) {
        List<Instant> flaps = new ArrayList<>();
        String text = Entities.text(e, "Flaps");
        if (text != null && !text.isEmpty()) {
            for (String t : text.split(",")) {
                flaps.add(Instant.ofEpochMilli(Long.parseLong(t)));
            }
        }
        return new IdentityConnectionState(new SequenceNumber(Entities.text(e, "LastSequence")),
                ConnectionState.valueOf(Entities.text(e, "LastState")), Entities.instant(e.getProperty("LastEventTime")), flaps,
                Entities.number(e, "Duplicates"), Entities.number(e, "OutOfOrder"));
    }
}
