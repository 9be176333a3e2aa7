package io.linkguard.state;

import com.azure.data.tables.TableClient;
import com.azure.data.tables.models.TableEntity;
import com.azure.data.tables.models.TableEntityUpdateMode;
import com.azure.data.tables.models.TableServiceException;
import com.azure.core.util.Context;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/** Reads and conditional writes of single entities, with the service's races turned into booleans. */
final class Entities {
    private static final String ETAG = "odata.etag";

    private Entities() {
    }

    static Optional<TableEntity> get(TableClient table, String partition, String row) {
        try {
            return Optional.of(table.getEntity(partition, row));
        } catch (TableServiceException e) {
            if (TableErrors.notFound(e)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Creates the entity; false when it already exists. */
    static boolean create(TableClient table, TableEntity entity) {
        try {
            table.createEntity(entity);
            return true;
        } catch (TableServiceException e) {
            if (TableErrors.lostRace(e)) {
                return false;
            }
            throw e;
        }
    }

    /** Replaces the entity if it is still at {@code etag}; false when it changed or vanished. */
    static boolean replace(TableClient table, TableEntity entity, String etag) {
        entity.addProperty(ETAG, etag);
        try {
            table.updateEntityWithResponse(entity, TableEntityUpdateMode.REPLACE, true, null, Context.NONE);
            return true;
        } catch (TableServiceException e) {
            if (TableErrors.lostRace(e) || TableErrors.notFound(e)) {
                return false;
            }
            throw e;
        }
    }

    /** Deletes the entity if it is still at its ETag; false when it changed or vanished. */
    static boolean delete(TableClient table, TableEntity current) {
        try {
            table.deleteEntityWithResponse(current, true, null, Context.NONE);
            return true;
        } catch (TableServiceException e) {
            if (TableErrors.lostRace(e) || TableErrors.notFound(e)) {
                return false;
            }
            throw e;
        }
    }

    /** An entity with the same keys and ETag as {@code current}, ready for a conditional batch update. */
    static TableEntity replacing(TableEntity current) {
        TableEntity e = new TableEntity(current.getPartitionKey(), current.getRowKey());
        e.addProperty(ETAG, current.getETag());
        return e;
    }

    static OffsetDateTime time(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof OffsetDateTime t) {
            return t.toInstant();
        }
        return OffsetDateTime.parse(value.toString()).toInstant();
    }

    static String text(TableEntity e, String name) {
        Object v = e.getProperty(name);
        return v == null ? null : v.toString();
    }

    static long number(TableEntity e, String name) {
        Object v = e.getProperty(name);
        if (v == null) {
            return 0;
        }
        return v instanceof Number n ? n.longValue() : Long.parseLong(v.toString());
    }
}
