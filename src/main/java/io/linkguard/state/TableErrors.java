package io.linkguard.state;

import com.azure.core.exception.HttpResponseException;
import com.azure.data.tables.models.TableErrorCode;
import com.azure.data.tables.models.TableServiceError;
import com.azure.data.tables.models.TableTransactionFailedException;
import java.util.Set;

/** The Table service answers that the adapters turn into outcomes rather than errors. */
final class TableErrors {
    private TableErrors() {
    }

    static int status(HttpResponseException e) {
        return e.getResponse() == null ? 0 : e.getResponse().getStatusCode();
    }

    static boolean notFound(HttpResponseException e) {
        return status(e) == 404;
    }

    private static final Set<TableErrorCode> LOST = Set.of(TableErrorCode.ENTITY_ALREADY_EXISTS,
            TableErrorCode.UPDATE_CONDITION_NOT_SATISFIED, TableErrorCode.ENTITY_NOT_FOUND, TableErrorCode.RESOURCE_NOT_FOUND);

    /**
     * The failed action of a transaction lost a race (its row appeared, changed or vanished meanwhile). The
     * exception carries no HTTP status of its own: the service's error code says what happened.
     */
    static boolean lostRace(TableTransactionFailedException e) {
        TableServiceError error = e.getValue();
        return error != null && LOST.contains(error.getErrorCode());
    }

    /** 409 (already exists) or 412 (ETag no longer current): another writer got there first. */
    static boolean lostRace(HttpResponseException e) {
        int s = status(e);
        return s == 409 || s == 412;
    }
}
