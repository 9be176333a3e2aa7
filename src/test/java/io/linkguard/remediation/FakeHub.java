package io.linkguard.remediation;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.linkguard.evidence.Identity;
import io.linkguard.remediation.tag.MergePatch;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * An in-memory IoT hub for domain tests: twins with the hub's ETag semantics (a write with a stale ETag is a
 * 412; every write changes the ETag), merge-patch on tags and desired properties, the 8 KB tag limit and depth
 * limit, devices that answer the back-off method as told, jobs with the one-active-job limit of S1, and
 * scripted faults. Thread-safe.
 */
public final class FakeHub implements HubGateway {
    private static final ObjectMapper JSON = new ObjectMapper();

    public enum Device { ACCEPTS, NOT_REACHABLE, TIMES_OUT, REJECTS, METHOD_THROTTLED }

    public enum Op { READ, PATCH_TAG, PATCH_DESIRED, METHOD, SCHEDULE_JOB, JOB_STATUS }

    public static final class Twin {
        long version = 1;
        String etag = "AAAAAAAAAAE=";
        Map<String, Object> tags = new LinkedHashMap<>();
        Map<String, Object> desired = new LinkedHashMap<>();
        public Device device = Device.ACCEPTS;

        void bump() {
            version++;
            etag = "etag-" + version;
        }
    }

    record Job(String id, String hub, List<Identity> devices, MethodCall call, JobResult.Status status, int succeeded,
               int failed) {
    }

    record Delivery(Identity identity, String via, Map<String, Object> instruction) {
    }

    private final Map<Identity, Twin> twins = new HashMap<>();
    private final Map<String, HubLimits> limits = new HashMap<>();
    private final Map<Op, Deque<Object>> faults = new EnumMap<>(Op.class);
    private final Map<Identity, Deque<Race>> racers = new HashMap<>();

    /** Answers the next call normally (to script a fault for the call after it). */
    static final String PASS = "pass";

    private static final class Race {
        int writesFirst;
        final Consumer<Twin> writer;

        Race(int writesFirst, Consumer<Twin> writer) {
            this.writesFirst = writesFirst;
            this.writer = writer;
        }
    }
    private final Map<String, Job> jobs = new LinkedHashMap<>();
    private final Map<Op, Integer> calls = new EnumMap<>(Op.class);
    final List<Delivery> deliveries = new ArrayList<>();
    private int jobIds;

    public static HubLimits s1(String hub) {
        return new HubLimits(hub, hub + ".azure-devices.net", "S1", 1, true, 100, 50, 40, 10, 1);
    }

    public synchronized FakeHub hub(HubLimits hubLimits) {
        limits.put(hubLimits.hub(), hubLimits);
        return this;
    }

    public synchronized Twin add(Identity identity) {
        limits.computeIfAbsent(identity.hub(), FakeHub::s1);
        return twins.computeIfAbsent(identity, i -> new Twin());
    }

    public synchronized List<Identity> identities(String hub) {
        return twins.keySet().stream().filter(i -> i.hub().equals(hub)).sorted().toList();
    }

    public synchronized Twin twin(Identity identity) {
        return twins.get(identity);
    }

    public synchronized void remove(Identity identity) {
        twins.remove(identity);
    }

    @SuppressWarnings("unchecked")
    public synchronized Map<String, Object> linkguardTag(Identity identity) {
        Object tag = twins.get(identity).tags.get("linkguard");
        return tag == null ? Map.of() : (Map<String, Object>) tag;
    }

    @SuppressWarnings("unchecked")
    public synchronized Map<String, Object> desiredBackoff(Identity identity) {
        Object lg = twins.get(identity).desired.get("linkguard");
        Object b = lg instanceof Map<?, ?> m ? m.get("backoff") : null;
        return b == null ? null : (Map<String, Object>) b;
    }

    /** The next call of {@code op} answers {@code outcome} (a WriteResult.Status, MethodResult.Outcome or JobResult.Status). */
    public synchronized void failNext(Op op, Object outcome) {
        faults.computeIfAbsent(op, k -> new ArrayDeque<>()).add(outcome);
    }

    /** Before the identity's next write lands, someone else changes its twin (a 412 for the write). */
    public synchronized void raceNextWrite(Identity identity, Consumer<Twin> otherWriter) {
        raceWrite(identity, 0, otherWriter);
    }

    /** As {@link #raceNextWrite}, once {@code writesFirst} more writes to the twin have been attempted. */
    public synchronized void raceWrite(Identity identity, int writesFirst, Consumer<Twin> otherWriter) {
        racers.computeIfAbsent(identity, k -> new ArrayDeque<>()).add(new Race(writesFirst, otherWriter));
    }

    public synchronized int calls(Op op) {
        return calls.getOrDefault(op, 0);
    }

    public synchronized int writes() {
        return calls(Op.PATCH_TAG) + calls(Op.PATCH_DESIRED) + calls(Op.METHOD) + calls(Op.SCHEDULE_JOB);
    }

    public synchronized List<Job> jobs() {
        return List.copyOf(jobs.values());
    }

    /** The hub runs every queued job to completion: devices that accept the method get it, the others fail. */
    public synchronized void runJobs() {
        for (Job job : List.copyOf(jobs.values())) {
            if (job.status() != JobResult.Status.QUEUED && job.status() != JobResult.Status.RUNNING) {
                continue;
            }
            int ok = 0;
            int failed = 0;
            for (Identity device : job.devices()) {
                Twin twin = twins.get(device);
                if (twin != null && twin.device == Device.ACCEPTS) {
                    deliveries.add(new Delivery(device, "job", job.call().payload()));
                    ok++;
                } else {
                    failed++;
                }
            }
            jobs.put(job.id(), new Job(job.id(), job.hub(), job.devices(), job.call(), JobResult.Status.COMPLETED, ok, failed));
        }
    }

    @Override
    public synchronized Optional<TwinView> readTwin(Identity identity) {
        count(Op.READ);
        Object fault = fault(Op.READ);
        if (fault != null && !PASS.equals(fault)) {
            throw new IllegalStateException("hub answered " + fault);
        }
        Twin t = twins.get(identity);
        if (t == null) {
            return Optional.empty();
        }
        return Optional.of(new TwinView(identity, t.etag, copy(t.tags.get("linkguard")), copy(t.tags.get("linkguardSuppress")),
                copy(t.desired.get("linkguard")), "Disconnected"));
    }

    @Override
    public synchronized WriteResult patchTag(Identity identity, String etag, Map<String, Object> patch) {
        count(Op.PATCH_TAG);
        return write(identity, etag, Op.PATCH_TAG, twin -> {
            Map<String, Object> tags = new LinkedHashMap<>(twin.tags);
            Map<String, Object> merged = MergePatch.apply(copy(tags.get("linkguard")), patch);
            if (merged.isEmpty()) {
                tags.remove("linkguard");
            } else {
                tags.put("linkguard", merged);
            }
            String problem = tagProblem(tags);
            if (problem != null) {
                return problem;
            }
            twin.tags = tags;
            return null;
        });
    }

    @Override
    public synchronized WriteResult patchDesired(Identity identity, String etag, Map<String, Object> patch) {
        count(Op.PATCH_DESIRED);
        return write(identity, etag, Op.PATCH_DESIRED, twin -> {
            Map<String, Object> merged = MergePatch.apply(copy(twin.desired.get("linkguard")), patch);
            twin.desired.put("linkguard", merged);
            Object backoff = merged.get("backoff");
            if (backoff instanceof Map<?, ?>) {
                deliveries.add(new Delivery(identity, "desired", copy(backoff)));
            }
            return null;
        });
    }

    private WriteResult write(Identity identity, String etag, Op op, java.util.function.Function<Twin, String> change) {
        Object fault = fault(op);
        if (fault instanceof WriteResult.Status s) {
            return WriteResult.of(s, "injected " + s);
        }
        Twin twin = twins.get(identity);
        if (twin == null) {
            return WriteResult.of(WriteResult.Status.NOT_FOUND, "404");
        }
        Deque<Race> races = racers.get(identity);
        if (races != null && !races.isEmpty()) {
            Race race = races.peek();
            if (race.writesFirst > 0) {
                race.writesFirst--;
            } else {
                races.poll().writer.accept(twin);
                twin.bump();
            }
        }
        if (!twin.etag.equals(etag)) {
            return WriteResult.of(WriteResult.Status.PRECONDITION_FAILED, "412 etag " + etag + " is not " + twin.etag);
        }
        String problem = change.apply(twin);
        if (problem != null) {
            return WriteResult.of(WriteResult.Status.FAILED, "400 " + problem);
        }
        twin.bump();
        return WriteResult.written(twin.etag);
    }

    @Override
    public synchronized MethodResult invokeMethod(Identity identity, MethodCall call) {
        count(Op.METHOD);
        if (call.connectTimeout().toSeconds() > 300 || call.responseTimeout().toSeconds() < 5
                || call.responseTimeout().toSeconds() > 300) {
            throw new IllegalArgumentException("timeouts out of the hub's range: " + call);
        }
        Object fault = fault(Op.METHOD);
        if (fault instanceof MethodResult.Outcome o) {
            return new MethodResult(o, 0, Map.of(), Duration.ZERO, "injected " + o);
        }
        Twin twin = twins.get(identity);
        Device device = twin == null ? Device.NOT_REACHABLE : twin.device;
        return switch (device) {
            case ACCEPTS -> {
                deliveries.add(new Delivery(identity, "method", call.payload()));
                Map<String, Object> answer = new LinkedHashMap<>();
                answer.put("accepted", true);
                answer.put("commandId", call.payload().get("commandId"));
                answer.put("appliedUntil", call.payload().get("holdUntil"));
                yield new MethodResult(MethodResult.Outcome.ANSWERED, 200, answer, Duration.ZERO, "");
            }
            case REJECTS -> new MethodResult(MethodResult.Outcome.ANSWERED, 400,
                    Map.of("accepted", false, "error", "unknown schema"), Duration.ZERO, "");
            case NOT_REACHABLE -> new MethodResult(MethodResult.Outcome.NOT_REACHABLE, 404, Map.of(), Duration.ZERO, "404103");
            case TIMES_OUT -> new MethodResult(MethodResult.Outcome.TIMED_OUT, 504, Map.of(), Duration.ZERO, "504101");
            case METHOD_THROTTLED -> new MethodResult(MethodResult.Outcome.THROTTLED, 429, Map.of(), Duration.ofSeconds(1),
                    "429002");
        };
    }

    @Override
    public synchronized HubLimits limits(String hub) {
        HubLimits l = limits.get(hub);
        if (l == null) {
            throw new IllegalStateException("no such hub " + hub);
        }
        return l;
    }

    @Override
    public synchronized JobResult scheduleMethodJob(String hub, List<Identity> devices, MethodCall call) {
        count(Op.SCHEDULE_JOB);
        Object fault = fault(Op.SCHEDULE_JOB);
        if (fault instanceof JobResult.Status s) {
            return new JobResult(null, s, 0, 0, Duration.ZERO, "injected " + s);
        }
        long active = jobs.values().stream().filter(j -> j.hub().equals(hub))
                .filter(j -> j.status() == JobResult.Status.QUEUED || j.status() == JobResult.Status.RUNNING).count();
        if (active >= limits(hub).maxActiveJobs()) {
            return new JobResult(null, JobResult.Status.TOO_MANY_JOBS, 0, 0, Duration.ofSeconds(60), "429004");
        }
        String condition = "deviceId IN [" + String.join(",", devices.stream()
                .map(d -> "'" + d.deviceId().replace("\\", "\\\\").replace("'", "\\'") + "'").toList()) + "]";
        if (condition.getBytes(StandardCharsets.UTF_8).length > 8 * 1024) {
            return new JobResult(null, JobResult.Status.FAILED, 0, 0, Duration.ZERO, "400 query condition over 8 KB");
        }
        String id = "job-" + (++jobIds);
        jobs.put(id, new Job(id, hub, List.copyOf(devices), call, JobResult.Status.QUEUED, 0, 0));
        return new JobResult(id, JobResult.Status.QUEUED, 0, 0, Duration.ZERO, "");
    }

    @Override
    public synchronized JobResult jobStatus(String hub, String jobId) {
        count(Op.JOB_STATUS);
        Object fault = fault(Op.JOB_STATUS);
        if (fault instanceof JobResult.Status s) {
            return new JobResult(jobId, s, 0, 0, Duration.ZERO, "injected " + s);
        }
        Job job = jobs.get(jobId);
        if (job == null) {
            return new JobResult(jobId, JobResult.Status.FAILED, 0, 0, Duration.ZERO, "404 no such job");
        }
        return new JobResult(jobId, job.status(), job.succeeded(), job.failed(), Duration.ZERO, "");
    }

    private void count(Op op) {
        calls.merge(op, 1, Integer::sum);
    }

    private Object fault(Op op) {
        Deque<Object> queue = faults.get(op);
        return queue == null ? null : queue.poll();
    }

    static String tagProblem(Map<String, Object> tags) {
        try {
            int size = JSON.writeValueAsString(tags).getBytes(StandardCharsets.UTF_8).length;
            if (size > 8 * 1024) {
                return "tags of " + size + " bytes exceed 8 KB";
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return "not JSON";
        }
        if (depth(tags) > 10) {
            return "tags deeper than 10";
        }
        return null;
    }

    static int depth(Object value) {
        if (value instanceof Map<?, ?> m) {
            int max = 0;
            for (Object v : m.values()) {
                max = Math.max(max, depth(v));
            }
            return 1 + max;
        }
        if (value instanceof List<?>) {
            throw new IllegalArgumentException("arrays are not allowed in twin tags here");
        }
        return 0;
    }

    /** A deep copy through JSON, as the adapter would parse the twin: no shared state with the caller. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> copy(Object json) {
        if (json == null) {
            return Map.of();
        }
        try {
            return JSON.readValue(JSON.writeValueAsString(json), LinkedHashMap.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
