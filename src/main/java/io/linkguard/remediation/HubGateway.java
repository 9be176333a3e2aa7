package io.linkguard.remediation;

import io.linkguard.evidence.Identity;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What remediation needs from an IoT hub. The adapter in {@code io.linkguard.hub} implements it over the
 * IoT Hub service SDK, rate-limited to the hub's throttles; tests of the domain use an in-memory fake.
 * No Azure type crosses this interface. Calls never throw for hub answers (404, 412, 429, 5xx,
 * timeouts): those come back as outcomes so the caller can keep the identity's state consistent.
 */
public interface HubGateway {

    /**
     * The identity's twin as remediation sees it, or empty when the identity does not exist.
     *
     * @throws HubUnavailableException when the hub could not answer (throttled, 5xx, timeout) within the
     *                                 gateway's retries: skip the identity this run
     */
    Optional<TwinView> readTwin(Identity identity);

    /** JSON merge-patch of {@code tags.linkguard} (a null value deletes a key), guarded by the ETag. */
    WriteResult patchTag(Identity identity, String etag, Map<String, Object> linkguardTagPatch);

    /**
     * JSON merge-patch of {@code properties.desired.linkguard} (e.g. {@code {"backoff": {...}}}, or
     * {@code {"backoff": null}} to clear it), guarded by the ETag.
     */
    WriteResult patchDesired(Identity identity, String etag, Map<String, Object> linkguardDesiredPatch);

    /** Invokes the back-off direct method with explicit short timeouts. */
    MethodResult invokeMethod(Identity identity, MethodCall call);

    /** The hub's SKU, units and the throttles that follow from them (from ARM). */
    HubLimits limits(String hub);

    /**
     * Bulk path: one IoT Hub job invoking the same method on many devices of one hub (device identities
     * only; chunked by the caller to the query-condition limit).
     */
    JobResult scheduleMethodJob(String hub, List<Identity> devices, MethodCall call);

    /** The current state of a job started by this gateway. */
    JobResult jobStatus(String hub, String jobId);
}
