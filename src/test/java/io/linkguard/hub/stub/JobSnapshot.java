package io.linkguard.hub.stub;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A job in the stub hub.
 *
 * @param type      {@code scheduleDeviceMethod} (the only kind the stub runs)
 * @param status    {@code queued}, {@code running}, {@code completed} or {@code cancelled}
 * @param deviceIds the devices its query condition named
 * @param request   the PUT body as received
 */
public record JobSnapshot(String jobId, String type, String status, String queryCondition, List<String> deviceIds,
                          int deviceCount, int succeeded, int failed, JsonNode request) {

    public boolean active() {
        return status.equals("queued") || status.equals("running");
    }
}
