package io.linkguard.functions;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.policy.ExponentialBackoffOptions;
import com.azure.core.http.policy.RetryOptions;
import com.azure.identity.DefaultAzureCredentialBuilder;
import io.linkguard.alerts.CommonAlertParser;
import io.linkguard.config.FunctionSettings;
import io.linkguard.events.EventParser;
import io.linkguard.events.EventProcessor;
import io.linkguard.hub.IotHubConnections;
import io.linkguard.loganalytics.LogAnalyticsEvidenceSource;
import io.linkguard.loganalytics.MonitorQueryLogRunner;
import io.linkguard.loganalytics.QueryRateLimiter;
import io.linkguard.pipeline.EvaluationQueue;
import io.linkguard.pipeline.PipelineSettings;
import io.linkguard.pipeline.PlanExecutor;
import io.linkguard.pipeline.RemediatingExecutor;
import io.linkguard.pipeline.ReportOnlyExecutor;
import io.linkguard.pipeline.RunLedger;
import io.linkguard.pipeline.RunPipeline;
import io.linkguard.remediation.HubCoordination;
import io.linkguard.remediation.HubGatewayFactory;
import io.linkguard.remediation.HubTarget;
import io.linkguard.remediation.safety.Mode;
import io.linkguard.state.StateTables;
import io.linkguard.state.StorageEvaluationQueue;
import io.linkguard.state.TableCohortTicketRecord;
import io.linkguard.state.TableConnectionStateStore;
import io.linkguard.state.TableDebounceMarks;
import io.linkguard.state.TableLeaseStore;
import io.linkguard.state.TableRunLedger;
import io.linkguard.state.TableUsageLog;
import io.linkguard.state.TableWriterLeases;
import io.linkguard.telemetry.ApplicationInsightsTelemetry;
import io.linkguard.telemetry.RemediationMetrics;
import io.linkguard.telemetry.Telemetry;
import io.linkguard.tickets.TicketPort;
import io.linkguard.tickets.setup.TicketPorts;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * Everything the functions of one worker share: the configuration (read and validated when the runtime is
 * built), and the clients, each built on first use and then reused by every invocation. A trigger only pays
 * for what it touches: the Event Grid trigger opens the state table and builds the Log Analytics client only
 * when an identity crosses the flap threshold; the alert webhook never opens the event state.
 */
public final class LinkGuardRuntime {
    /** Identities per query partition (see LogAnalyticsEvidenceSource). */
    static final int MAX_IDENTITIES_PER_QUERY = 2000;

    private final LinkGuardConfig config;
    private final Clock clock;
    private final Telemetry telemetry;
    private final QueryRateLimiter queryLimiter = QueryRateLimiter.forQueryApi();
    private final Lazy<TokenCredential> credential;
    private final Lazy<StateTables> tables;
    private final Lazy<RunLedger> ledger;
    private final Lazy<LogAnalyticsEvidenceSource> evidence;
    private final Lazy<RunPipeline> pipeline;

    private final Lazy<EventProcessor> events;
    private final Lazy<EventParser> eventParser;
    private final Lazy<CommonAlertParser> alertParser;
    private final Lazy<EvaluationQueue> queue;
    private final Lazy<HubCoordination> coordination;
    private final RequestRateBound alertRate;

    private LinkGuardRuntime(Builder b) {
        this.config = b.config;
        this.clock = b.clock;
        this.telemetry = b.telemetry;
        FunctionSettings f = config.functions();
        this.credential = new Lazy<>(() -> b.credential != null ? b.credential : defaultCredential(f));
        this.tables = new Lazy<>(() -> new StateTables(StateTables.client(f.storage(), credential, b.tablesHttpClient,
                b.tableRetryDelay == null ? null : new RetryOptions(new ExponentialBackoffOptions().setMaxRetries(3)
                        .setBaseDelay(b.tableRetryDelay).setMaxDelay(b.tableRetryDelay.multipliedBy(4)))), b.tablePrefix));
        this.ledger = new Lazy<>(() -> new TableRunLedger(tables.get(), clock));
        this.evidence = new Lazy<>(() -> evidenceSource(b));
        this.pipeline = new Lazy<>(() -> new RunPipeline(parameters -> evidence.get().read(parameters), b.executor.apply(this), ledger.get(),
                new TableLeaseStore(tables.get()), clock, PipelineSettings.of(config.analysis(), f)));
        this.events = new Lazy<>(() -> new EventProcessor(new TableConnectionStateStore(tables.get()),
                new TableDebounceMarks(tables.get()), f.flaps(), clock));
        this.eventParser = new Lazy<>(() -> new EventParser(new HashSet<>(f.hubNames())));
        this.alertParser = new Lazy<>(() -> new CommonAlertParser(f.hubNames(), f.alertMaxIdentities()));
        this.queue = new Lazy<>(() -> b.queue != null ? b.queue.apply(this) : new StorageEvaluationQueue(
                StorageEvaluationQueue.client(f.queue(), credential, b.queueHttpClient, b.queueName)));
        this.coordination = new Lazy<>(() -> new HubCoordination(
                new TableWriterLeases(new TableLeaseStore(tables.get()), clock, f.leaseDuration()),
                new TableUsageLog(tables.get()), new TableCohortTicketRecord(tables.get())));
        this.alertRate = new RequestRateBound(f.alertRequestsPerMinute(), clock);
    }

    /** Reads and validates the app settings; throws ConfigurationException naming every problem. */
    public static LinkGuardRuntime fromEnvironment(Map<String, String> environment) {
        return builder(LinkGuardConfig.fromSettings(environment)).executor(LinkGuardRuntime::standardExecutor).build();
    }

    /**
     * Production's executor for the configured mode: observe only reports; dry-run and enforce run the
     * Remediator against every configured hub through the IoT Hub adapter and the configured ticket sinks,
     * with the worker's managed identity.
     */
    public static PlanExecutor standardExecutor(LinkGuardRuntime runtime) {
        LinkGuardConfig config = runtime.config();
        if (config.remediation().mode() == Mode.OBSERVE) {
            return new ReportOnlyExecutor();
        }
        List<HubTarget> hubs = config.functions().hubs().stream().map(h -> HubTarget.parse(h.id())).toList();
        HubGatewayFactory connections = IotHubConnections.builder().credential(runtime.credential())
                .settings(config.hub()).build();
        TicketPort tickets = TicketPorts.builder(config.tickets()).credential(runtime.credential())
                .clock(runtime.clock()).build();
        Logger log = Logger.getLogger(RemediatingExecutor.class.getName());
        return new RemediatingExecutor(config.remediation(), hubs, connections, tickets, runtime.clock(),
                runtime.hubCoordination(), report -> {
                    log.info(() -> "linkguard remediation runId=" + report.runId() + " mode="
                            + report.mode().label() + " statuses=" + report.statuses() + " actions=" + report.counts());
                    RemediationMetrics.report(runtime.telemetry(), report);
                },
                problem -> log.warning(() -> "linkguard remediation: hub unavailable: " + problem));
    }

    public static Builder builder(LinkGuardConfig config) {
        return new Builder(config);
    }

    public LinkGuardConfig config() {
        return config;
    }

    public Clock clock() {
        return clock;
    }

    public Telemetry telemetry() {
        return telemetry;
    }

    public RunPipeline pipeline() {
        return pipeline.get();
    }

    public RunLedger ledger() {
        return ledger.get();
    }

    public EventProcessor events() {
        return events.get();
    }

    public EventParser eventParser() {
        return eventParser.get();
    }

    public CommonAlertParser alertParser() {
        return alertParser.get();
    }

    /**
     * The hubs' writer leases and the log of what runs spent on each hub, in the state table: shared by every
     * instance of the app and by {@code apply}.
     */
    public HubCoordination hubCoordination() {
        return coordination.get();
    }

    /** Where the triggers queue targeted evaluations for the worker. */
    public EvaluationQueue queue() {
        return queue.get();
    }

    RequestRateBound alertRate() {
        return alertRate;
    }

    /** How long Log Analytics queries of this worker have waited for the client-side rate limit so far. */
    public Duration queryThrottling() {
        return queryLimiter.totalWait();
    }

    /** The managed identity (DefaultAzureCredential): the user-assigned one when AZURE_CLIENT_ID is set. */
    public TokenCredential credential() {
        return credential.get();
    }

    boolean pipelineBuilt() {
        return pipeline.isBuilt() || evidence.isBuilt();
    }

    boolean eventStateBuilt() {
        return events.isBuilt();
    }

    private LogAnalyticsEvidenceSource evidenceSource(Builder b) {
        FunctionSettings f = config.functions();
        MonitorQueryLogRunner.Builder runner = MonitorQueryLogRunner.builder().workspaceId(f.workspaceId())
                .credential(credential.get()).rateLimiter(queryLimiter);
        f.logAnalyticsEndpoint().ifPresent(uri -> runner.endpoint(uri.toString()));
        if (b.logsHttpClient != null) {
            runner.httpClient(b.logsHttpClient);
        }
        if (b.queryRetryBaseDelay != null) {
            runner.retryDelays(b.queryRetryBaseDelay, b.queryRetryBaseDelay.multipliedBy(4));
        }
        return new LogAnalyticsEvidenceSource(runner.build(), clock, MAX_IDENTITIES_PER_QUERY);
    }

    private static TokenCredential defaultCredential(FunctionSettings f) {
        DefaultAzureCredentialBuilder builder = new DefaultAzureCredentialBuilder();
        f.managedIdentityClientId().ifPresent(builder::managedIdentityClientId);
        return builder.build();
    }

    /** Defaults are production's; tests and the benchmark replace transports, credential, clock and executor. */
    public static final class Builder {
        private final LinkGuardConfig config;
        private Clock clock = Clock.systemUTC();
        private Telemetry telemetry = new ApplicationInsightsTelemetry();
        private TokenCredential credential;
        private HttpClient logsHttpClient;
        private HttpClient tablesHttpClient;
        private Duration queryRetryBaseDelay;
        private Duration tableRetryDelay;
        private String tablePrefix = StateTables.DEFAULT_PREFIX;
        private Function<LinkGuardRuntime, PlanExecutor> executor = runtime -> new ReportOnlyExecutor();
        private Function<LinkGuardRuntime, EvaluationQueue> queue;
        private HttpClient queueHttpClient;
        private String queueName = StorageEvaluationQueue.QUEUE;

        private Builder(LinkGuardConfig config) {
            this.config = Objects.requireNonNull(config, "config");
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public Builder telemetry(Telemetry telemetry) {
            this.telemetry = telemetry;
            return this;
        }

        /** Instead of DefaultAzureCredential. */
        public Builder credential(TokenCredential credential) {
            this.credential = credential;
            return this;
        }

        /** Transport of the Log Analytics client (tests: a redirect to a local stub). */
        public Builder logsHttpClient(HttpClient httpClient) {
            this.logsHttpClient = httpClient;
            return this;
        }

        /** Transport of the Table client. */
        public Builder tablesHttpClient(HttpClient httpClient) {
            this.tablesHttpClient = httpClient;
            return this;
        }

        /** Base delay of the Log Analytics retries (default 1 s): tests shorten it. */
        public Builder queryRetryBaseDelay(Duration delay) {
            this.queryRetryBaseDelay = delay;
            return this;
        }

        /** Base delay of the Table client's retries (default azure-core's): tests shorten it. */
        public Builder tableRetryBaseDelay(Duration delay) {
            this.tableRetryDelay = delay;
            return this;
        }

        public Builder tablePrefix(String prefix) {
            this.tablePrefix = prefix;
            return this;
        }

        /**
         * What runs do with their plans: observe mode's {@link ReportOnlyExecutor} by default; remediation's
         * executor plugs in here, built from the runtime (its configuration, credential and clock).
         */
        public Builder executor(Function<LinkGuardRuntime, PlanExecutor> executor) {
            this.executor = executor;
            return this;
        }

        /** Instead of the Storage queue (tests that run the worker inline). */
        public Builder queue(Function<LinkGuardRuntime, EvaluationQueue> queue) {
            this.queue = queue;
            return this;
        }

        /** Transport of the Queue client. */
        public Builder queueHttpClient(HttpClient httpClient) {
            this.queueHttpClient = httpClient;
            return this;
        }

        /** The evaluation queue's name (tests sharing one Azurite use their own). */
        public Builder queueName(String name) {
            this.queueName = name;
            return this;
        }

        public LinkGuardRuntime build() {
            return new LinkGuardRuntime(this);
        }
    }
}
