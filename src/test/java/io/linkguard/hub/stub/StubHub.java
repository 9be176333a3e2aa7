package io.linkguard.hub.stub;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.http.netty.NettyAsyncHttpClientBuilder;
import com.azure.core.management.AzureEnvironment;
import com.azure.core.management.profile.AzureProfile;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.linkguard.hub.PublishedThrottles;
import io.linkguard.remediation.HubLimits;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import reactor.core.publisher.Mono;

/**
 * A local IoT hub for tests: an HTTPS server (JDK {@code HttpsServer}, self-signed certificate from
 * {@link StubTls}) that speaks the parts of the IoT Hub service API (api-version 2021-04-12) and of ARM
 * that LinkGuard uses, so the real iot-service-client and azure-resourcemanager-iothub clients run
 * against it unchanged:
 *
 * <ul>
 *   <li>twins: {@code GET /twins/{id}}, PATCH (sent as {@code POST} with {@code X-HTTP-Method-Override:
 *       PATCH}) with merge semantics, quoted {@code If-Match} ETags (412 on mismatch), the 8 KB tag limit;
 *       module twins under {@code /twins/{id}/modules/{module}};</li>
 *   <li>direct methods: {@code POST /twins/{id}[/modules/{m}]/methods}, answered per device by a
 *       scripted {@link MethodBehaviour} (answer, 404 not online, 504 timeout, delays);</li>
 *   <li>jobs v2: {@code PUT/GET /jobs/v2/{id}}, {@code POST .../cancel}, {@code deviceId IN [...]}
 *       conditions, the tier's active-job limit (429004), completion per {@link JobProgress};</li>
 *   <li>{@code POST /devices/query} for a small query subset ({@link StubQuery});</li>
 *   <li>ARM: {@code GET /subscriptions/{s}/resourceGroups/{g}/providers/Microsoft.Devices/IotHubs/{name}}
 *       with the configured SKU and units, and this stub's host as the hub's {@code hostName}.</li>
 * </ul>
 *
 * Every request must carry an {@code Authorization} header (401 otherwise) and, on the data plane,
 * {@code api-version=2021-04-12}. Throttles ({@link #throttle}, {@link #throttleAsPublished}) answer 429
 * with {@code Retry-After}; {@link #inject(Fault)} adds 5xx, 429 or delays; {@link #requests()} is the log.
 *
 * <pre>{@code
 * try (StubHub stub = StubHub.start(StubHub.Config.defaults().sku("S1", 1))) {
 *     stub.addDevice("d1");
 *     IotHubGateway gateway = IotHubGateway.builder().limits(stub.limits()).credential(stub.credential()).build();
 *     ...
 *     assertThat(stub.twin("d1").orElseThrow().linkguardTag().path("classification").asText()).isEqualTo(...);
 * }
 * }</pre>
 *
 * As {@code @RegisterExtension static final StubHub stub = StubHub.start();} one stub serves a whole test class:
 * faults and recorded requests are cleared before each test and the stub is closed after the class.
 */
public final class StubHub implements AutoCloseable, BeforeEachCallback, AfterAllCallback {
    public static final String API_VERSION = "2021-04-12";
    public static final String SUBSCRIPTION = "00000000-0000-0000-0000-00000000cafe";
    public static final String RESOURCE_GROUP = "linkguard-test";
    public static final String TOKEN = "stub-hub-token";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter JOB_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'");
    private static final AtomicLong ETAG_SEEDS = new AtomicLong(17);

    static {
        // The JDK server writes a response's headers and body separately; with Nagle's algorithm on, the body
        // waits for the client's delayed ACK (~40 ms), capping one connection at ~25 requests/s. Read once,
        // when the JDK's server configuration class loads.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    /** How the stub hub is set up. */
    public static final class Config {
        private String hubName = "stubhub";
        private String sku = "S1";
        private int units = 1;
        private JobProgress jobProgress = JobProgress.onReads(1);

        public static Config defaults() {
            return new Config();
        }

        /** The hub's name (lower case, as LinkGuard's identities carry it). */
        public Config hubName(String name) {
            this.hubName = name.toLowerCase(Locale.ROOT);
            return this;
        }

        /** The SKU ARM reports (F1, S1, S2, S3, B1..B3) and its units; also sets the active-job limit. */
        public Config sku(String skuName, int unitCount) {
            this.sku = skuName;
            this.units = unitCount;
            return this;
        }

        public Config jobProgress(JobProgress progress) {
            this.jobProgress = progress;
            return this;
        }
    }

    private final Config config;
    private final HttpsServer server;
    private final ExecutorService executor;
    private final Map<TwinKey, StubTwin> twins = new LinkedHashMap<>();
    private final Map<TwinKey, MethodBehaviour> behaviours = new HashMap<>();
    private final Map<String, StubJob> jobs = new LinkedHashMap<>();
    private final Map<StubOperation, StubThrottle> throttles = new EnumMap<>(StubOperation.class);
    private final List<FaultState> faults = new ArrayList<>();
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final List<MethodInvocation> invocations = new CopyOnWriteArrayList<>();
    private MethodBehaviour defaultBehaviour;
    private JobProgress jobProgress;
    private int maxActiveJobs;

    private StubHub(Config config) throws IOException {
        this.config = config;
        this.jobProgress = config.jobProgress;
        this.maxActiveJobs = Math.max(1, PublishedThrottles.forSku(config.hubName, "x", config.sku, config.units).maxActiveJobs());
        StubTls tls = StubTls.get();
        tls.trustJvmWide();
        this.server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 200);
        server.setHttpsConfigurator(new HttpsConfigurator(tls.serverContext()));
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "stub-hub-" + config.hubName);
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** An S1 hub named {@code stubhub} with one unit. */
    public static StubHub start() {
        return start(Config.defaults());
    }

    public static StubHub start(Config config) {
        try {
            return new StubHub(config);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot start the stub hub", e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        synchronized (this) {
            faults.clear();
        }
        requests.clear();
        invocations.clear();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    // ---------------------------------------------------------------- identity of the hub

    public String hubName() {
        return config.hubName;
    }

    /** {@code localhost:port}: the host name to give the data-plane clients. */
    public String hostName() {
        return "localhost:" + server.getAddress().getPort();
    }

    public String armId() {
        return "/subscriptions/" + SUBSCRIPTION + "/resourceGroups/" + RESOURCE_GROUP
                + "/providers/Microsoft.Devices/IotHubs/" + config.hubName;
    }

    /** The published limits of the configured SKU, with this stub as the host. */
    public HubLimits limits() {
        return PublishedThrottles.forSku(config.hubName, hostName(), config.sku, config.units);
    }

    /** A credential that hands out a fixed token (the stub only checks that one is sent). */
    public TokenCredential credential() {
        return request -> Mono.just(new AccessToken(TOKEN, OffsetDateTime.now().plusHours(1)));
    }

    /** An ARM profile whose Resource Manager endpoint is this stub. */
    public AzureProfile armProfile() {
        Map<String, String> endpoints = new HashMap<>(AzureEnvironment.AZURE.getEndpoints());
        endpoints.put("resourceManagerEndpointUrl", "https://" + hostName() + "/");
        return new AzureProfile("00000000-0000-0000-0000-0000000000aa", SUBSCRIPTION, new AzureEnvironment(endpoints));
    }

    /** azure-core's Netty client, trusting the stub's certificate, for {@code IotHubManager.configure().withHttpClient}. */
    public com.azure.core.http.HttpClient armHttpClient() {
        reactor.netty.http.client.HttpClient netty = reactor.netty.http.client.HttpClient.create()
                .secure(spec -> spec.sslContext(StubTls.get().nettyClientContext()));
        return new NettyAsyncHttpClientBuilder(netty).build();
    }

    // ---------------------------------------------------------------- twins

    /** Registers a disconnected device with an empty twin. */
    public StubHub addDevice(String deviceId) {
        return addDevice(deviceId, false);
    }

    public synchronized StubHub addDevice(String deviceId, boolean connected) {
        twins.computeIfAbsent(new TwinKey(deviceId, null), k -> newTwin(k)).connected = connected;
        return this;
    }

    public synchronized StubHub addDevices(Collection<String> deviceIds) {
        deviceIds.forEach(id -> twins.computeIfAbsent(new TwinKey(id, null), this::newTwin));
        return this;
    }

    /** Registers a module (and its device, if new). */
    public synchronized StubHub addModule(String deviceId, String moduleId, boolean connected) {
        twins.computeIfAbsent(new TwinKey(deviceId, null), this::newTwin);
        twins.computeIfAbsent(new TwinKey(deviceId, moduleId), this::newTwin).connected = connected;
        return this;
    }

    public synchronized void removeDevice(String deviceId) {
        twins.keySet().removeIf(k -> k.deviceId.equals(deviceId));
    }

    public Optional<TwinSnapshot> twin(String deviceId) {
        return twin(deviceId, null);
    }

    public synchronized Optional<TwinSnapshot> twin(String deviceId, String moduleId) {
        StubTwin t = twins.get(new TwinKey(deviceId, moduleId));
        return t == null ? Optional.empty() : Optional.of(t.snapshot());
    }

    /** Every twin (devices and modules), in registration order. */
    public synchronized List<TwinSnapshot> twins() {
        return twins.values().stream().map(StubTwin::snapshot).toList();
    }

    /**
     * Someone else writes the twin (an operator, the customer's backend): a merge patch of
     * {@code {"tags": {...}, "properties": {"desired": {...}}}} that changes the ETag.
     */
    public synchronized void updateTwin(String deviceId, String moduleId, String patchJson) {
        StubTwin.Rejection r = requireTwin(deviceId, moduleId).patch(parse(patchJson));
        if (r != null) {
            throw new IllegalArgumentException("the stub hub refuses this write: " + r.message());
        }
    }

    public synchronized void setConnected(String deviceId, String moduleId, boolean connected) {
        requireTwin(deviceId, moduleId).connected = connected;
    }

    /** Sets reported properties as the device would (merge patch). */
    public synchronized void report(String deviceId, String moduleId, String reportedPatchJson) {
        StubTwin t = requireTwin(deviceId, moduleId);
        JsonMerge.merge(t.reported, parse(reportedPatchJson));
        t.reportedVersion++;
        t.version++;
    }

    private StubTwin requireTwin(String deviceId, String moduleId) {
        StubTwin t = twins.get(new TwinKey(deviceId, moduleId));
        if (t == null) {
            throw new IllegalArgumentException("no twin " + deviceId + (moduleId == null ? "" : "/" + moduleId));
        }
        return t;
    }

    private StubTwin newTwin(TwinKey k) {
        return new StubTwin(k.deviceId, k.moduleId, ETAG_SEEDS.incrementAndGet());
    }

    // ---------------------------------------------------------------- methods

    public StubHub onMethod(String deviceId, MethodBehaviour behaviour) {
        return onMethod(deviceId, null, behaviour);
    }

    public synchronized StubHub onMethod(String deviceId, String moduleId, MethodBehaviour behaviour) {
        behaviours.put(new TwinKey(deviceId, moduleId), Objects.requireNonNull(behaviour));
        return this;
    }

    /** The behaviour of identities without their own (default: accept if connected, else not online). */
    public synchronized StubHub defaultMethodBehaviour(MethodBehaviour behaviour) {
        this.defaultBehaviour = behaviour;
        return this;
    }

    /** Every direct method the hub ran, direct calls and job runs, in order. */
    public List<MethodInvocation> methodCalls() {
        return List.copyOf(invocations);
    }

    public List<MethodInvocation> methodCalls(String deviceId) {
        return invocations.stream().filter(i -> i.deviceId().equals(deviceId)).toList();
    }

    // ---------------------------------------------------------------- jobs

    public synchronized StubHub jobProgress(JobProgress progress) {
        this.jobProgress = progress;
        return this;
    }

    /** Overrides the tier's limit on active jobs (1 on F1/S1, 5 on S2, 10 on S3). */
    public synchronized StubHub maxActiveJobs(int max) {
        this.maxActiveJobs = max;
        return this;
    }

    public synchronized Optional<JobSnapshot> job(String jobId) {
        StubJob j = jobs.get(jobId);
        return j == null ? Optional.empty() : Optional.of(j.snapshot());
    }

    public synchronized List<JobSnapshot> jobs() {
        return jobs.values().stream().map(StubJob::snapshot).toList();
    }

    /** Runs a job to completion now (applies its twin update or runs its method on each device). */
    public void completeJob(String jobId) {
        StubJob j;
        synchronized (this) {
            j = jobs.get(jobId);
            if (j == null) {
                throw new IllegalArgumentException("no job " + jobId);
            }
        }
        complete(j);
    }

    // ---------------------------------------------------------------- throttles and faults

    /**
     * Enforces {@code perSecond} on {@code operation} (for {@link StubOperation#METHOD}: 4 KB units) with a
     * bucket of {@code burst}; over it the hub answers 429 429001 with Retry-After.
     */
    public synchronized StubHub throttle(StubOperation operation, double perSecond, double burst) {
        throttles.put(operation, new StubThrottle(perSecond, burst));
        return this;
    }

    /** Enforces the configured SKU's published twin and method throttles, with one second of burst. */
    public synchronized StubHub throttleAsPublished() {
        HubLimits l = limits();
        if (l.supportsTwins()) {
            throttle(StubOperation.TWIN_READ, l.twinReadsPerSecond(), Math.max(1, l.twinReadsPerSecond()));
            throttle(StubOperation.TWIN_UPDATE, l.twinUpdatesPerSecond(), Math.max(1, l.twinUpdatesPerSecond()));
            throttle(StubOperation.METHOD, l.methodUnitsPerSecond(), Math.max(1, l.methodUnitsPerSecond()));
        }
        return this;
    }

    public synchronized StubHub inject(Fault fault) {
        faults.add(new FaultState(fault));
        return this;
    }

    // ---------------------------------------------------------------- request log

    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    public List<RecordedRequest> requests(StubOperation operation) {
        return requests.stream().filter(r -> r.operation() == operation).toList();
    }

    public long count(StubOperation operation) {
        return requests.stream().filter(r -> r.operation() == operation).count();
    }

    public long count(StubOperation operation, int status) {
        return requests.stream().filter(r -> r.operation() == operation && r.status() == status).count();
    }

    /** 429s the stub answered, of any operation. */
    public long throttledCount() {
        return requests.stream().filter(r -> r.status() == 429).count();
    }

    // ---------------------------------------------------------------- HTTP

    private record TwinKey(String deviceId, String moduleId) {
    }

    private record Response(int status, String body, Map<String, String> headers) {
        static Response json(int status, JsonNode body) {
            return new Response(status, body.toString(), Map.of());
        }

        static Response error(int status, int errorCode, String message) {
            return new Response(status, StubErrors.body(errorCode, message), Map.of());
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        long arrived = System.nanoTime();
        Instant at = Instant.now();
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String method = ex.getRequestMethod();
        String override = ex.getRequestHeaders().getFirst("X-HTTP-Method-Override");
        if ("POST".equals(method) && override != null) {
            method = override.toUpperCase(Locale.ROOT);
        }
        List<String> path = segments(ex.getRequestURI().getRawPath());
        Map<String, String> query = queryParams(ex.getRequestURI().getRawQuery());
        StubOperation op = operation(method, path);
        Response response;
        try {
            response = respond(ex, op, method, path, query, body);
        } catch (RuntimeException e) {
            response = Response.error(500, 500001, "stub hub error: " + e);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v.isEmpty() ? "" : v.get(0)));
        requests.add(new RecordedRequest(at, arrived, method, String.join("/", path), ex.getRequestURI().getRawQuery(),
                Map.copyOf(headers), body, op, response.status));
        byte[] bytes = response.body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        response.headers.forEach((k, v) -> ex.getResponseHeaders().add(k, v));
        ex.sendResponseHeaders(response.status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        }
        ex.close();
    }

    private Response respond(HttpExchange ex, StubOperation op, String method, List<String> path,
                             Map<String, String> query, String body) {
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        if (auth == null || auth.isBlank()) {
            return op == StubOperation.ARM_READ
                    ? new Response(401, StubErrors.armBody("AuthenticationFailed", "no Authorization header"), Map.of())
                    : Response.error(401, 401002, "no Authorization header");
        }
        if (op != StubOperation.ARM_READ && !API_VERSION.equals(query.get("api-version"))) {
            return Response.error(400, 400001, "api-version must be " + API_VERSION + ", got " + query.get("api-version"));
        }
        JsonNode json;
        try {
            json = body.isBlank() ? JSON.nullNode() : JSON.readTree(body);
        } catch (IOException e) {
            return Response.error(400, 400002, "request body is not JSON: " + e.getMessage());
        }
        FaultState fault = takeFault(op);
        if (fault != null) {
            pause(fault.fault.delay);
            if (fault.fault.answersWithError() && !fault.fault.afterApplying) {
                return fault.response();
            }
        }
        Response throttled = takeThrottle(op, json);
        if (throttled != null) {
            return throttled;
        }
        Response r = route(op, method, path, query, json, ex);
        return fault != null && fault.fault.answersWithError() ? fault.response() : r;
    }

    private Response route(StubOperation op, String method, List<String> path, Map<String, String> query,
                           JsonNode json, HttpExchange ex) {
        return switch (op) {
            case TWIN_READ -> twinRead(twinKey(path));
            case TWIN_UPDATE -> twinUpdate(twinKey(path), ex.getRequestHeaders().getFirst("If-Match"), json);
            case METHOD -> method(twinKey(path), json);
            case JOB_CREATE -> jobCreate(path.get(2), json);
            case JOB_READ -> jobRead(path.get(2));
            case JOB_CANCEL -> jobCancel(path.get(2));
            case QUERY -> query(json, ex.getRequestHeaders().getFirst("x-ms-max-item-count"),
                    ex.getRequestHeaders().getFirst("x-ms-continuation"));
            case ARM_READ -> armRead(path);
            case UNKNOWN -> Response.error(405, 405001, "the stub hub does not implement " + method + " /" + String.join("/", path));
        };
    }

    private static StubOperation operation(String method, List<String> p) {
        int n = p.size();
        if (n >= 2 && p.get(0).equals("twins")) {
            boolean module = n >= 4 && p.get(2).equals("modules");
            int twinLength = module ? 4 : 2;
            if (n == twinLength) {
                return method.equals("GET") ? StubOperation.TWIN_READ
                        : method.equals("PATCH") ? StubOperation.TWIN_UPDATE : StubOperation.UNKNOWN;
            }
            if (n == twinLength + 1 && p.get(twinLength).equals("methods") && method.equals("POST")) {
                return StubOperation.METHOD;
            }
        }
        if (n >= 3 && p.get(0).equals("jobs") && p.get(1).equals("v2")) {
            if (n == 3) {
                return method.equals("PUT") ? StubOperation.JOB_CREATE
                        : method.equals("GET") ? StubOperation.JOB_READ : StubOperation.UNKNOWN;
            }
            if (n == 4 && p.get(3).equals("cancel") && method.equals("POST")) {
                return StubOperation.JOB_CANCEL;
            }
        }
        if (n == 2 && p.get(0).equals("devices") && p.get(1).equals("query") && method.equals("POST")) {
            return StubOperation.QUERY;
        }
        if (n == 8 && p.get(0).equalsIgnoreCase("subscriptions") && p.get(2).equalsIgnoreCase("resourceGroups")
                && p.get(4).equalsIgnoreCase("providers") && p.get(5).equalsIgnoreCase("Microsoft.Devices")
                && p.get(6).equalsIgnoreCase("IotHubs") && method.equals("GET")) {
            return StubOperation.ARM_READ;
        }
        return StubOperation.UNKNOWN;
    }

    private static TwinKey twinKey(List<String> p) {
        boolean module = p.size() >= 4 && p.get(2).equals("modules");
        return new TwinKey(p.get(1), module ? p.get(3) : null);
    }

    // ---- twins

    private synchronized Response twinRead(TwinKey key) {
        StubTwin t = twins.get(key);
        if (t == null) {
            return notFound(key);
        }
        return new Response(200, t.toJson().toString(), Map.of("ETag", "\"" + t.etag() + "\""));
    }

    private synchronized Response twinUpdate(TwinKey key, String ifMatch, JsonNode body) {
        StubTwin t = twins.get(key);
        if (t == null) {
            return notFound(key);
        }
        if (!body.isObject()) {
            return Response.error(400, 400002, "a twin patch must be a JSON object");
        }
        if (ifMatch != null && !ifMatch.equals("*") && !ifMatch.equals("\"" + t.etag() + "\"")) {
            return Response.error(412, 412002, "Precondition failed: the twin's ETag is \"" + t.etag() + "\", If-Match was " + ifMatch);
        }
        StubTwin.Rejection rejection = t.patch(body);
        if (rejection != null) {
            return Response.error(rejection.status(), rejection.errorCode(), rejection.message());
        }
        return new Response(200, t.toJson().toString(), Map.of("ETag", "\"" + t.etag() + "\""));
    }

    private static Response notFound(TwinKey key) {
        return key.moduleId == null
                ? Response.error(404, 404001, "Device " + key.deviceId + " not registered")
                : Response.error(404, 404010, "Module " + key.moduleId + " on device " + key.deviceId + " not registered");
    }

    // ---- methods

    private Response method(TwinKey key, JsonNode body) {
        String name = body.path("methodName").asText("");
        int response = body.path("responseTimeoutInSeconds").asInt(30);
        int connect = body.path("connectTimeoutInSeconds").asInt(0);
        if (name.isEmpty()) {
            return Response.error(400, 400027, "methodName is required");
        }
        if (response < 5 || response > 300 || connect < 0 || connect > 300) {
            return Response.error(400, 400027, "timeouts out of range: response " + response + ", connect " + connect);
        }
        MethodInvocation inv = new MethodInvocation(Instant.now(), key.deviceId, key.moduleId, name,
                body.path("payload").deepCopy(), connect, response, null);
        MethodBehaviour.Reaction reaction;
        synchronized (this) {
            StubTwin t = twins.get(key);
            if (t == null) {
                return notFound(key);
            }
            reaction = behaviour(key, t).react(inv);
        }
        invocations.add(inv);
        pause(reaction.delay());
        if (reaction.answered()) {
            ObjectNode answer = JSON.createObjectNode();
            answer.put("status", reaction.status());
            answer.set("payload", reaction.payload() == null ? JSON.nullNode() : reaction.payload());
            return Response.json(200, answer);
        }
        return Response.error(reaction.httpStatus(), reaction.errorCode(), reaction.message());
    }

    private MethodBehaviour behaviour(TwinKey key, StubTwin t) {
        MethodBehaviour b = behaviours.get(key);
        if (b != null) {
            return b;
        }
        if (defaultBehaviour != null) {
            return defaultBehaviour;
        }
        return t.connected ? MethodBehaviour.accept() : MethodBehaviour.notOnline();
    }

    // ---- jobs

    private final class StubJob {
        final String id;
        final String type;
        final String condition;
        final List<String> deviceIds;
        final JsonNode request;
        final Instant created = Instant.now();
        String status = "queued";
        int reads;
        int deviceCount;
        int succeeded;
        int failed;
        Instant ended;

        StubJob(String id, String type, String condition, List<String> deviceIds, JsonNode request) {
            this.id = id;
            this.type = type;
            this.condition = condition;
            this.deviceIds = deviceIds;
            this.request = request;
        }

        JobSnapshot snapshot() {
            return new JobSnapshot(id, type, status, condition, deviceIds, deviceCount, succeeded, failed, request);
        }

        ObjectNode toJson() {
            ObjectNode j = JSON.createObjectNode();
            j.put("jobId", id);
            j.put("queryCondition", condition);
            j.put("createdTime", time(created));
            j.put("startTime", time(created));
            if (ended != null) {
                j.put("endTime", time(ended));
            }
            j.put("maxExecutionTimeInSeconds", request.path("maxExecutionTimeInSeconds").asLong(3600));
            j.put("type", type);
            if (request.hasNonNull("cloudToDeviceMethod")) {
                j.set("cloudToDeviceMethod", request.get("cloudToDeviceMethod"));
            }
            j.put("status", status);
            ObjectNode stats = j.putObject("deviceJobStatistics");
            stats.put("deviceCount", deviceCount);
            stats.put("failedCount", failed);
            stats.put("succeededCount", succeeded);
            stats.put("runningCount", 0);
            stats.put("pendingCount", status.equals("completed") || status.equals("cancelled") ? 0 : deviceIds.size());
            return j;
        }
    }

    private static String time(Instant i) {
        return JOB_TIME.format(i.atOffset(ZoneOffset.UTC));
    }

    private synchronized Response jobCreate(String jobId, JsonNode body) {
        if (!body.isObject() || !jobId.equals(body.path("jobId").asText())) {
            return Response.error(400, 400009, "the body's jobId must be the path's job id " + jobId);
        }
        String type = body.path("type").asText("");
        if (!type.equals("scheduleDeviceMethod")) {
            return Response.error(400, 400009, "the stub hub runs only scheduleDeviceMethod jobs (LinkGuard's only kind), got " + type);
        }
        String condition = body.path("queryCondition").asText("");
        int bytes = condition.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > 8 * 1024) {
            return Response.error(400, 400009, "queryCondition is " + bytes + " bytes, over the limit of 8192");
        }
        List<String> ids = DeviceIdCondition.parse(condition);
        if (ids == null) {
            return Response.error(400, 400009, "the stub hub understands only deviceId IN [...] / deviceId = '...' conditions, got: " + condition);
        }
        if (jobs.containsKey(jobId)) {
            return Response.error(409, 409001, "a job with id " + jobId + " already exists");
        }
        long active = jobs.values().stream().filter(j -> j.snapshot().active()).count();
        if (active >= maxActiveJobs) {
            return Response.error(429, 429004, "ThrottlingMaxActiveJobCountExceeded: the hub already runs "
                    + active + " active job(s), the maximum for its tier");
        }
        StubJob job = new StubJob(jobId, type, condition, List.copyOf(ids), body.deepCopy());
        jobs.put(jobId, job);
        return Response.json(200, job.toJson());
    }

    private Response jobRead(String jobId) {
        StubJob j;
        boolean completeNow = false;
        synchronized (this) {
            j = jobs.get(jobId);
            if (j == null) {
                return Response.error(404, 404002, "job " + jobId + " not found");
            }
            if (j.snapshot().active() && !jobProgress.isManual()) {
                j.reads++;
                if (j.reads >= jobProgress.readsToComplete()) {
                    completeNow = true;
                } else {
                    j.status = "running";
                }
            }
        }
        if (completeNow) {
            complete(j);
        }
        synchronized (this) {
            return Response.json(200, j.toJson());
        }
    }

    private synchronized Response jobCancel(String jobId) {
        StubJob j = jobs.get(jobId);
        if (j == null) {
            return Response.error(404, 404002, "job " + jobId + " not found");
        }
        if (j.snapshot().active()) {
            j.status = "cancelled";
            j.ended = Instant.now();
        }
        return Response.json(200, j.toJson());
    }

    /** Runs the job's work on each named device that exists. */
    private void complete(StubJob j) {
        List<TwinKey> targets;
        synchronized (this) {
            if (!j.snapshot().active()) {
                return;
            }
            targets = j.deviceIds.stream().map(id -> new TwinKey(id, null)).filter(twins::containsKey).toList();
            j.deviceCount = targets.size();
        }
        int ok = 0;
        int bad = 0;
        for (TwinKey key : targets) {
            if (runMethodJob(key, j.id, j.request.path("cloudToDeviceMethod"))) {
                ok++;
            } else {
                bad++;
            }
        }
        synchronized (this) {
            j.succeeded = ok;
            j.failed = bad;
            j.status = "completed";
            j.ended = Instant.now();
        }
    }

    private boolean runMethodJob(TwinKey key, String jobId, JsonNode call) {
        MethodInvocation inv = new MethodInvocation(Instant.now(), key.deviceId, null, call.path("methodName").asText(),
                call.path("payload").deepCopy(), call.path("connectTimeoutInSeconds").asInt(0),
                call.path("responseTimeoutInSeconds").asInt(30), jobId);
        MethodBehaviour.Reaction reaction;
        synchronized (this) {
            StubTwin t = twins.get(key);
            if (t == null) {
                return false;
            }
            reaction = behaviour(key, t).react(inv);
        }
        invocations.add(inv);
        return reaction.answered() && reaction.status() >= 200 && reaction.status() < 300;
    }

    // ---- query

    private synchronized Response query(JsonNode body, String maxItems, String continuation) {
        String text = body.path("query").asText("");
        StubQuery q = StubQuery.parse(text);
        if (q == null) {
            return Response.error(400, 400019, "the stub hub does not understand this query: " + text);
        }
        List<JsonNode> matching = new ArrayList<>();
        for (StubTwin t : twins.values()) {
            if ((t.moduleId != null) == q.modules) {
                ObjectNode json = t.toJson();
                if (q.matches(json)) {
                    matching.add(json);
                }
            }
        }
        List<JsonNode> matches = q.results(matching);
        int from = continuation == null || continuation.isBlank() ? 0 : Integer.parseInt(continuation);
        int size = maxItems == null || maxItems.isBlank() ? 100 : Math.max(1, Integer.parseInt(maxItems));
        int to = Math.min(matches.size(), from + size);
        ArrayNode page = JSON.createArrayNode();
        matches.subList(Math.min(from, to), to).forEach(page::add);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("x-ms-item-type", q.fields == null && q.countAlias == null ? "twin" : "json");
        if (to < matches.size()) {
            headers.put("x-ms-continuation", String.valueOf(to));
        }
        return new Response(200, page.toString(), headers);
    }

    // ---- ARM

    private Response armRead(List<String> p) {
        boolean ours = p.get(1).equalsIgnoreCase(SUBSCRIPTION) && p.get(3).equalsIgnoreCase(RESOURCE_GROUP)
                && p.get(7).equalsIgnoreCase(config.hubName);
        if (!ours) {
            return new Response(404, StubErrors.armBody("ResourceNotFound",
                    "The Resource 'Microsoft.Devices/IotHubs/" + p.get(7) + "' under resource group '" + p.get(3)
                            + "' was not found."), Map.of());
        }
        String sku = config.sku.toUpperCase(Locale.ROOT);
        ObjectNode hub = JSON.createObjectNode();
        hub.put("id", armId());
        hub.put("name", config.hubName);
        hub.put("type", "Microsoft.Devices/IotHubs");
        hub.put("location", "westeurope");
        hub.putObject("tags");
        hub.put("etag", "AAAAAAFD6M4=");
        ObjectNode s = hub.putObject("sku");
        s.put("name", sku);
        s.put("tier", sku.startsWith("B") ? "Basic" : sku.startsWith("F") ? "Free" : "Standard");
        s.put("capacity", config.units);
        ObjectNode props = hub.putObject("properties");
        props.put("state", "Active");
        props.put("provisioningState", "Succeeded");
        props.put("hostName", hostName());
        props.put("enableFileUploadNotifications", false);
        props.put("features", "None");
        return Response.json(200, hub);
    }

    // ---- throttles and faults

    private synchronized Response takeThrottle(StubOperation op, JsonNode body) {
        StubThrottle t = throttles.get(op);
        if (t == null) {
            return null;
        }
        double cost = op == StubOperation.METHOD ? methodUnits(body) : 1;
        Duration wait = t.take(cost);
        if (wait == null) {
            return null;
        }
        long seconds = Math.max(1, (long) Math.ceil(wait.toNanos() / 1e9));
        return new Response(429, StubErrors.body(429001, "ThrottlingException: " + op + " is limited to "
                + t.ratePerSecond() + "/s on this hub"), Map.of("Retry-After", String.valueOf(seconds)));
    }

    private static double methodUnits(JsonNode body) {
        int bytes = body.path("payload").toString().getBytes(StandardCharsets.UTF_8).length;
        return Math.max(1, Math.ceil(bytes / (double) PublishedThrottles.METHOD_UNIT_BYTES));
    }

    private synchronized FaultState takeFault(StubOperation op) {
        Iterator<FaultState> it = faults.iterator();
        while (it.hasNext()) {
            FaultState f = it.next();
            if (f.fault.operations.contains(op)) {
                if (--f.remaining <= 0) {
                    it.remove();
                }
                return f;
            }
        }
        return null;
    }

    private static final class FaultState {
        final Fault fault;
        int remaining;

        FaultState(Fault fault) {
            this.fault = fault;
            this.remaining = fault.times;
        }

        Response response() {
            Map<String, String> headers = fault.retryAfterSeconds == null ? Map.of()
                    : Map.of("Retry-After", String.valueOf(fault.retryAfterSeconds));
            String message = fault.status == 429 && fault.errorCode == 429004
                    ? "ThrottlingMaxActiveJobCountExceeded (injected)" : "injected fault " + fault.status;
            return new Response(fault.status, StubErrors.body(fault.errorCode, message), headers);
        }
    }

    private static void pause(Duration d) {
        if (d != null && !d.isZero() && !d.isNegative()) {
            try {
                Thread.sleep(d.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    // ---- parsing

    private static List<String> segments(String rawPath) {
        List<String> out = new ArrayList<>();
        for (String s : rawPath.split("/")) {
            if (!s.isEmpty()) {
                out.add(percentDecode(s));
            }
        }
        return out;
    }

    /** Path decoding: %XX only ('+' stays '+', unlike form decoding). */
    private static String percentDecode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static Map<String, String> queryParams(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return out;
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + json, e);
        }
    }
}
