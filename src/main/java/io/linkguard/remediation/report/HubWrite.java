package io.linkguard.remediation.report;

import java.util.List;
import java.util.Map;

/**
 * One change to a hub or a ticket system, as made (enforce) or as it would be made (dry-run): the exact
 * merge-patch or payload, the ETag it was guarded by, a condition when it only happens on some outcome,
 * and what came back.
 *
 * @param target  {@code hub/device[/module]}, or the hub and its devices for a job
 * @param devices the devices of a job; empty otherwise
 */
public record HubWrite(WriteKind kind, String target, String etag, Map<String, Object> body, String condition,
                       String result, List<String> devices) {
}
