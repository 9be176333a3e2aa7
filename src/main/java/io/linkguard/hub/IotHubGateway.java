package io.linkguard.hub;

import com.azure.core.credential.TokenCredential;
import com.microsoft.azure.sdk.iot.service.exceptions.IotHubConflictException;
import com.microsoft.azure.sdk.iot.service.jobs.DirectMethodsJobOptions;
import com.microsoft.azure.sdk.iot.service.jobs.ScheduledJob;
import com.microsoft.azure.sdk.iot.service.jobs.ScheduledJobsClient;
import com.microsoft.azure.sdk.iot.service.jobs.ScheduledJobsClientOptions;
import com.microsoft.azure.sdk.iot.service.methods.DirectMethodRequestOptions;
import com.microsoft.azure.sdk.iot.service.methods.DirectMethodResponse;
import com.microsoft.azure.sdk.iot.service.methods.DirectMethodsClient;
import com.microsoft.azure.sdk.iot.service.methods.DirectMethodsClientOptions;
import com.microsoft.azure.sdk.iot.service.twin.Twin;
import com.microsoft.azure.sdk.iot.service.twin.TwinClient;
import com.microsoft.azure.sdk.iot.service.twin.TwinClientOptions;
import io.linkguard.evidence.Identity;
import io.linkguard.pacing.Ticker;
import io.linkguard.remediation.HubGateway;
import io.linkguard.remediation.HubLimits;
import io.linkguard.remediation.HubUnavailableException;
import io.linkguard.remediation.JobResult;
import io.linkguard.remediation.MethodCall;
import io.linkguard.remediation.MethodResult;
import io.linkguard.remediation.TwinView;
import io.linkguard.remediation.WriteResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * {@link HubGateway} for one IoT hub over iot-service-client 2.1.9 ({@link TwinClient},
 * {@link DirectMethodsClient}, {@link ScheduledJobsClient}, built once from the hub's host name and a
 * {@link TokenCredential} and reused). Every call is metered against the hub's published throttles
 * ({@link HubThrottle}, shared by all callers of this gateway) and retried on 429 per
 * {@link RetryPolicy}. docs/hub-adapter.md describes the behaviour; the notable points:
 *
 * <ul>
 *   <li>Twin writes are merge patches of {@code tags.linkguard} or {@code properties.desired.linkguard}
 *       only, so the customer's own tags and properties are never part of a request; the ETag goes out
 *       quoted in {@code If-Match} (the SDK sends it verbatim) and a 412 is {@code PRECONDITION_FAILED}.
 *       Module identities use module twins.</li>
 *   <li>Direct methods always carry explicit connect and response timeouts (the SDK defaults are 200 s)
 *       and an HTTP read timeout just above their sum.</li>
 *   <li>Device and module ids are percent-encoded before they reach the SDK, which puts them into the
 *       URL unencoded ({@link PathIds}).</li>
 *   <li>Jobs use {@code deviceId IN [...]} conditions ({@link QueryConditions}); a job over N devices
 *       costs N job device operations from the client-side budget; 429004 is {@code TOO_MANY_JOBS}.</li>
 * </ul>
 */
public final class IotHubGateway implements HubGateway {
    /** HTTP read timeout of a method call beyond its connect and response timeouts. */
    static final int METHOD_HTTP_MARGIN_SECONDS = 5;

    private final HubLimits limits;
    /** Why this hub refuses twin, method and job calls (Basic tier), or null. */
    private final String basicTier;
    private final String hostName;
    private final TokenCredential credential;
    private final int httpTimeoutSeconds;
    private final TwinClient twins;
    private final ScheduledJobsClient jobs;
    private final Map<Integer, DirectMethodsClient> methodClients = new ConcurrentHashMap<>();
    private final HubThrottle throttle;
    private final CallRunner runner;
    private final GatewayStats stats;
    private final Ticker clock;
    private final Supplier<String> jobIds;
    private final Duration jobMaxExecution;

    private IotHubGateway(Builder b) {
        this.limits = Objects.requireNonNull(b.limits, "limits");
        this.basicTier = BasicTier.refusal(limits);
        this.hostName = b.hostName != null ? b.hostName : limits.hostName();
        if (hostName == null || hostName.isBlank()) {
            throw new IllegalArgumentException("hub " + limits.hub() + ": no host name");
        }
        this.credential = Objects.requireNonNull(b.credential, "credential");
        this.clock = b.clock;
        this.httpTimeoutSeconds = (int) Math.max(1, b.settings.httpTimeout().toSeconds());
        this.twins = new TwinClient(hostName, credential, TwinClientOptions.builder()
                .httpConnectTimeoutSeconds(httpTimeoutSeconds).httpReadTimeoutSeconds(httpTimeoutSeconds).build());
        this.jobs = new ScheduledJobsClient(hostName, credential, ScheduledJobsClientOptions.builder()
                .httpConnectTimeoutSeconds(httpTimeoutSeconds).httpReadTimeoutSeconds(httpTimeoutSeconds).build());
        this.throttle = b.throttled ? new HubThrottle(limits, b.settings.rateShare(), clock) : HubThrottle.unlimited(clock);
        this.stats = new GatewayStats();
        RetryAfterTap tap = b.captureRetryAfter ? RetryAfterTap.install() : null;
        RetryPolicy policy = b.retryPolicy != null ? b.retryPolicy : b.settings.retryPolicy();
        this.runner = new CallRunner(throttle, policy, clock, b.random, tap, stats);
        this.jobIds = b.jobIds;
        this.jobMaxExecution = b.jobMaxExecution;
    }

    public static Builder builder() {
        return new Builder();
    }

    // ---- twins

    @Override
    public Optional<TwinView> readTwin(Identity identity) {
        checkHub(identity.hub());
        if (basicTier != null) {
            throw new HubUnavailableException(basicTier, Duration.ZERO);
        }
        String device = PathIds.encode(identity.deviceId());
        CallRunner.Result<Twin> r = runner.run(HubOperation.TWIN_READ, Meter.TWIN_READS, 1, HubFailure::transientFault,
                () -> identity.isModule() ? twins.get(device, PathIds.encode(identity.moduleId())) : twins.get(device));
        if (r.ok()) {
            return Optional.of(view(identity, r.value()));
        }
        if (r.failure().kind() == HubFailure.Kind.NOT_FOUND) {
            return Optional.empty();
        }
        throw new HubUnavailableException(identity.display() + ": twin not read after " + r.attempts()
                + " attempt(s): " + r.failure().describe(), r.failure().retryAfter());
    }

    @Override
    public WriteResult patchTag(Identity identity, String etag, Map<String, Object> linkguardTagPatch) {
        return patch(identity, etag, linkguardTagPatch, false);
    }

    @Override
    public WriteResult patchDesired(Identity identity, String etag, Map<String, Object> linkguardDesiredPatch) {
        return patch(identity, etag, linkguardDesiredPatch, true);
    }

    private WriteResult patch(Identity identity, String etag, Map<String, Object> patch, boolean desired) {
        checkHub(identity.hub());
        String root = desired ? "properties.desired." + TwinView.TAG : "tags." + TwinView.TAG;
        if (basicTier != null) {
            return WriteResult.of(WriteResult.Status.FAILED, basicTier);
        }
        String problem = TwinMaps.problem(root, patch);
        if (problem != null) {
            return WriteResult.of(WriteResult.Status.FAILED, "not sent: " + problem);
        }
        Twin twin = identity.isModule()
                ? new Twin(PathIds.encode(identity.deviceId()), PathIds.encode(identity.moduleId()))
                : new Twin(PathIds.encode(identity.deviceId()));
        (desired ? twin.getDesiredProperties() : twin.getTags()).put(TwinView.TAG, new LinkedHashMap<>(patch));
        String ifMatch = etag == null ? null : quotedEtag(etag);
        // With an ETag a repeat is safe: if the first attempt did land, the repeat gets 412 and the caller re-reads.
        Predicate<HubFailure> repeatable = etag == null ? f -> false : HubFailure::transientFault;
        CallRunner.Result<Twin> r = runner.run(HubOperation.TWIN_WRITE, Meter.TWIN_UPDATES, 1, repeatable,
                () -> twins.patch(twin, ifMatch));
        if (r.ok()) {
            return WriteResult.written(r.value().getETag());
        }
        HubFailure f = r.failure();
        WriteResult.Status status = switch (f.kind()) {
            case PRECONDITION_FAILED -> WriteResult.Status.PRECONDITION_FAILED;
            case NOT_FOUND -> WriteResult.Status.NOT_FOUND;
            case THROTTLED -> WriteResult.Status.THROTTLED;
            default -> WriteResult.Status.FAILED;
        };
        return new WriteResult(status, null, f.retryAfter(), identity.display() + " " + root + ": " + f.describe());
    }

    private TwinView view(Identity identity, Twin twin) {
        String state = twin.getConnectionState();
        String connection = state == null ? "" : state.equalsIgnoreCase("connected") ? "Connected" : "Disconnected";
        return new TwinView(identity, twin.getETag(),
                TwinMaps.object(twin.getTags(), TwinView.TAG),
                TwinMaps.object(twin.getTags(), TwinView.SUPPRESSION_TAG),
                TwinMaps.object(twin.getDesiredProperties(), TwinView.TAG),
                connection);
    }

    /** IoT Hub compares If-Match with the quoted ETag; the SDK sends the header verbatim. */
    static String quotedEtag(String etag) {
        String e = etag.trim();
        return e.startsWith("\"") || e.startsWith("W/\"") || e.equals("*") ? e : "\"" + e + "\"";
    }

    // ---- direct methods

    @Override
    public MethodResult invokeMethod(Identity identity, MethodCall call) {
        checkHub(identity.hub());
        if (basicTier != null) {
            return methodFailed(basicTier);
        }
        String problem = MethodCalls.problem(call);
        if (problem != null) {
            return methodFailed("not sent: " + problem);
        }
        int connect = (int) call.connectTimeout().toSeconds();
        int response = (int) call.responseTimeout().toSeconds();
        DirectMethodsClient client = methodClient(connect + response + METHOD_HTTP_MARGIN_SECONDS);
        DirectMethodRequestOptions options = DirectMethodRequestOptions.builder().payload(call.payload())
                .methodConnectTimeoutSeconds(connect).methodResponseTimeoutSeconds(response).build();
        String device = PathIds.encode(identity.deviceId());
        CallRunner.Result<DirectMethodResponse> r = runner.run(HubOperation.DIRECT_METHOD, Meter.METHOD_UNITS,
                MethodCalls.units(call.payload()), f -> false, () -> identity.isModule()
                        ? client.invoke(device, PathIds.encode(identity.moduleId()), call.methodName(), options)
                        : client.invoke(device, call.methodName(), options));
        if (r.ok()) {
            DirectMethodResponse answer = r.value();
            int status = answer.getStatus() == null ? 0 : answer.getStatus();
            return new MethodResult(MethodResult.Outcome.ANSWERED, status, MethodCalls.payloadMap(answer), Duration.ZERO, "");
        }
        HubFailure f = r.failure();
        MethodResult.Outcome outcome = switch (f.kind()) {
            case NOT_FOUND -> MethodResult.Outcome.NOT_REACHABLE;
            case GATEWAY_TIMEOUT, IO_TIMEOUT -> MethodResult.Outcome.TIMED_OUT;
            case THROTTLED -> MethodResult.Outcome.THROTTLED;
            default -> MethodResult.Outcome.FAILED;
        };
        return new MethodResult(outcome, 0, Map.of(), f.retryAfter(),
                identity.display() + " method " + call.methodName() + ": " + f.describe());
    }

    private DirectMethodsClient methodClient(int httpReadTimeoutSeconds) {
        return methodClients.computeIfAbsent(httpReadTimeoutSeconds, t -> new DirectMethodsClient(hostName, credential,
                DirectMethodsClientOptions.builder().httpConnectTimeoutSeconds(httpTimeoutSeconds)
                        .httpReadTimeoutSeconds(t).build()));
    }

    private static MethodResult methodFailed(String detail) {
        return new MethodResult(MethodResult.Outcome.FAILED, 0, Map.of(), Duration.ZERO, detail);
    }

    // ---- limits

    @Override
    public HubLimits limits(String hub) {
        checkHub(hub);
        return limits;
    }

    // ---- jobs

    @Override
    public JobResult scheduleMethodJob(String hub, List<Identity> devices, MethodCall call) {
        checkHub(hub);
        String problem = MethodCalls.problem(call);
        if (problem != null) {
            return jobRefused("not sent: " + problem);
        }
        List<String> ids = deviceIds(devices);
        String condition = condition(ids);
        DirectMethodsJobOptions options = DirectMethodsJobOptions.builder().payload(call.payload())
                .methodConnectTimeoutSeconds((int) call.connectTimeout().toSeconds())
                .methodResponseTimeoutSeconds((int) call.responseTimeout().toSeconds())
                .maxExecutionTimeSeconds((int) jobMaxExecution.toSeconds()).build();
        return schedule(ids.size(), jobId -> jobs.scheduleDirectMethod(jobId, condition, call.methodName(), now(), options));
    }

    @FunctionalInterface
    private interface JobCreation {
        ScheduledJob create(String jobId) throws Exception;
    }

    private JobResult schedule(int deviceCount, JobCreation creation) {
        if (basicTier != null) {
            return jobRefused(basicTier);
        }
        Duration wait = throttle.reserve(Meter.JOB_DEVICE_OPS, deviceCount, runner.policy().deadline());
        if (wait.isNegative()) {
            return new JobResult(null, JobResult.Status.THROTTLED, 0, 0, wait.negated(),
                    "client-side: the hub's job device operations are booked for the next "
                            + wait.negated().toSeconds() + " s (earlier jobs)");
        }
        try {
            clock.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throttle.refund(Meter.JOB_DEVICE_OPS, deviceCount);
            return jobRefused("interrupted");
        }
        String jobId = jobIds.get();
        AtomicInteger attempts = new AtomicInteger();
        CallRunner.Result<ScheduledJob> r = runner.run(HubOperation.JOB_WRITE, null, 0, HubFailure::transientFault, () -> {
            try {
                attempts.incrementAndGet();
                return creation.create(jobId);
            } catch (IotHubConflictException e) {
                if (attempts.get() > 1) {
                    return jobs.get(jobId); // an earlier attempt of this call created it
                }
                throw e;
            }
        });
        if (r.ok()) {
            return JobResults.of(r.value(), jobId);
        }
        throttle.refund(Meter.JOB_DEVICE_OPS, deviceCount);
        HubFailure f = r.failure();
        return switch (f.kind()) {
            case TOO_MANY_JOBS -> new JobResult(null, JobResult.Status.TOO_MANY_JOBS, 0, 0,
                    max(f.retryAfter(), throttle.pendingWait(Meter.JOB_DEVICE_OPS)),
                    "the hub runs its maximum of " + limits.maxActiveJobs() + " active job(s): " + f.describe());
            case THROTTLED -> new JobResult(null, JobResult.Status.THROTTLED, 0, 0, f.retryAfter(), f.describe());
            default -> new JobResult(null, JobResult.Status.FAILED, 0, 0, f.retryAfter(), f.describe());
        };
    }

    @Override
    public JobResult jobStatus(String hub, String jobId) {
        checkHub(hub);
        if (basicTier != null) {
            return new JobResult(jobId, JobResult.Status.FAILED, 0, 0, Duration.ZERO, basicTier);
        }
        CallRunner.Result<ScheduledJob> r = runner.run(HubOperation.JOB_READ, null, 0, HubFailure::transientFault,
                () -> jobs.get(jobId));
        if (r.ok()) {
            return JobResults.of(r.value(), jobId);
        }
        HubFailure f = r.failure();
        JobResult.Status status = f.throttled() ? JobResult.Status.THROTTLED : JobResult.Status.FAILED;
        String detail = f.kind() == HubFailure.Kind.NOT_FOUND ? "no job " + jobId + " on hub " + limits.hub()
                + " (jobs are kept 30 days): " + f.describe() : f.describe();
        return new JobResult(jobId, status, 0, 0, f.retryAfter(), detail);
    }


    private List<String> deviceIds(List<Identity> devices) {
        if (devices == null || devices.isEmpty()) {
            throw new IllegalArgumentException("a job needs at least one device");
        }
        List<String> ids = new ArrayList<>(devices.size());
        for (Identity d : devices) {
            checkHub(d.hub());
            if (d.isModule()) {
                throw new IllegalArgumentException("jobs address devices only; " + d.display()
                        + " is a module identity: use per-identity calls for modules");
            }
            ids.add(d.deviceId());
        }
        return ids;
    }

    private static String condition(List<String> ids) {
        String condition = QueryConditions.deviceIdIn(ids);
        int bytes = QueryConditions.bytes(condition);
        if (bytes > QueryConditions.MAX_BYTES) {
            throw new IllegalArgumentException("the query condition for " + ids.size() + " devices is " + bytes
                    + " bytes, over the hub's " + QueryConditions.MAX_BYTES + ": split the devices with JobChunks.split");
        }
        return condition;
    }

    private static JobResult jobRefused(String detail) {
        return new JobResult(null, JobResult.Status.FAILED, 0, 0, Duration.ZERO, detail);
    }

    private static Date now() {
        return new Date();
    }

    // ---- common

    /** What this gateway has done so far: calls, attempts, 429s, waits. */
    public GatewayStats stats() {
        return stats;
    }

    /** The retrying call runner, shared with this hub's queries. */
    CallRunner runner() {
        return runner;
    }

    /** The client-side throttle of this hub (for reports and tests). */
    public HubThrottle throttle() {
        return throttle;
    }

    private void checkHub(String hub) {
        if (hub == null || !hub.equalsIgnoreCase(limits.hub())) {
            throw new IllegalArgumentException("this gateway serves hub " + limits.hub() + ", not " + hub);
        }
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** Builds an {@link IotHubGateway}; {@link #limits} and {@link #credential} are required. */
    public static final class Builder {
        private HubLimits limits;
        private String hostName;
        private TokenCredential credential;
        private HubSettings settings = HubSettings.DEFAULTS;
        private RetryPolicy retryPolicy;
        private Ticker clock = Ticker.SYSTEM;
        private DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();
        private boolean throttled = true;
        private boolean captureRetryAfter = true;
        private Supplier<String> jobIds = () -> "linkguard-" + UUID.randomUUID();
        private Duration jobMaxExecution = Duration.ofHours(1);

        private Builder() {
        }

        /** The hub's tier and throttles, usually from {@link HubLimitsReader}. */
        public Builder limits(HubLimits limits) {
            this.limits = limits;
            return this;
        }

        /** Overrides the host name from the limits (tests: {@code localhost:8443}). */
        public Builder hostName(String hostName) {
            this.hostName = hostName;
            return this;
        }

        /** Entra ID credential with IoT Hub data access (scope {@code https://iothubs.azure.net/.default}). */
        public Builder credential(TokenCredential credential) {
            this.credential = credential;
            return this;
        }

        public Builder settings(HubSettings settings) {
            this.settings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /** Overrides the retry policy the settings describe. */
        public Builder retryPolicy(RetryPolicy retryPolicy) {
            this.retryPolicy = retryPolicy;
            return this;
        }

        public Builder clock(Ticker clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Source of uniform numbers in [0, 1) for the back-off jitter. */
        public Builder random(DoubleSupplier random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        /** false: no client-side buckets, only the hub's 429s slow calls down (the benchmark's naive baseline). */
        public Builder throttled(boolean throttled) {
            this.throttled = throttled;
            return this;
        }

        /** Whether to install {@link RetryAfterTap} (JVM-wide) to read Retry-After; default true. */
        public Builder captureRetryAfter(boolean capture) {
            this.captureRetryAfter = capture;
            return this;
        }

        public Builder jobIds(Supplier<String> jobIds) {
            this.jobIds = Objects.requireNonNull(jobIds, "jobIds");
            return this;
        }

        /** How long the hub may run a job before giving up on the remaining devices (default 1 h). */
        public Builder jobMaxExecution(Duration jobMaxExecution) {
            this.jobMaxExecution = Objects.requireNonNull(jobMaxExecution, "jobMaxExecution");
            return this;
        }

        public IotHubGateway build() {
            return new IotHubGateway(this);
        }
    }
}
