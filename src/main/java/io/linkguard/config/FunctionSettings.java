package io.linkguard.config;

import io.linkguard.events.FlapPolicy;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What the Azure Functions app reads besides the analysis settings: where the evidence is, which hubs,
 * the timer's schedule and window, the Event Grid and alert bounds, where the state tables are and which
 * managed identity to use. Read once per worker at start-up; every problem is named.
 *
 * <p>Non-LINKGUARD settings read here (not checked for typos, they belong to the platform):
 * {@value #AZURE_WEBJOBS_STORAGE}, {@value #AZURE_WEBJOBS_STORAGE_TABLE_URI},
 * {@value #AZURE_WEBJOBS_STORAGE_ACCOUNT} (the Functions host's own storage settings) and
 * {@value #AZURE_CLIENT_ID} (a user-assigned managed identity).
 */
public record FunctionSettings(String workspaceId, List<HubResourceId> hubs, String schedule, Duration overlap,
                               Duration lookback, Duration maxCatchUp, Duration leaseDuration, FlapPolicy flaps,
                               int alertMaxIdentities, int alertRequestsPerMinute, TableStorageSettings storage,
                               QueueStorageSettings queue, Optional<String> managedIdentityClientId,
                               Optional<URI> logAnalyticsEndpoint) {

    public static final String WORKSPACE_ID = "LINKGUARD_WORKSPACE_ID";
    public static final String HUB_RESOURCE_IDS = "LINKGUARD_HUB_RESOURCE_IDS";
    public static final String SCHEDULE = "LINKGUARD_SCHEDULE";
    public static final String OVERLAP_MINUTES = "LINKGUARD_OVERLAP_MINUTES";
    public static final String LOOKBACK_HOURS = "LINKGUARD_LOOKBACK_HOURS";
    public static final String MAX_CATCH_UP_HOURS = "LINKGUARD_MAX_CATCH_UP_HOURS";
    public static final String LEASE_MINUTES = "LINKGUARD_LEASE_MINUTES";
    public static final String FLAP_THRESHOLD = "LINKGUARD_FLAP_THRESHOLD";
    public static final String FLAP_WINDOW_MINUTES = "LINKGUARD_FLAP_WINDOW_MINUTES";
    public static final String EVALUATION_DEBOUNCE_MINUTES = "LINKGUARD_EVALUATION_DEBOUNCE_MINUTES";
    public static final String ALERT_MAX_IDENTITIES = "LINKGUARD_ALERT_MAX_IDENTITIES";
    public static final String ALERT_MAX_REQUESTS_PER_MINUTE = "LINKGUARD_ALERT_MAX_REQUESTS_PER_MINUTE";
    public static final String TABLE_ENDPOINT = "LINKGUARD_TABLE_ENDPOINT";
    public static final String LOG_ANALYTICS_ENDPOINT = "LINKGUARD_LOG_ANALYTICS_ENDPOINT";

    public static final String AZURE_WEBJOBS_STORAGE = "AzureWebJobsStorage";
    public static final String AZURE_WEBJOBS_STORAGE_TABLE_URI = "AzureWebJobsStorage__tableServiceUri";
    public static final String AZURE_WEBJOBS_STORAGE_ACCOUNT = "AzureWebJobsStorage__accountName";
    public static final String AZURE_WEBJOBS_STORAGE_QUEUE_URI = "AzureWebJobsStorage__queueServiceUri";
    public static final String AZURE_CLIENT_ID = "AZURE_CLIENT_ID";

    public static final Set<String> NAMES = Set.of(WORKSPACE_ID, HUB_RESOURCE_IDS, SCHEDULE, OVERLAP_MINUTES,
            LOOKBACK_HOURS, MAX_CATCH_UP_HOURS, LEASE_MINUTES, FLAP_THRESHOLD, FLAP_WINDOW_MINUTES,
            EVALUATION_DEBOUNCE_MINUTES, ALERT_MAX_IDENTITIES, ALERT_MAX_REQUESTS_PER_MINUTE, TABLE_ENDPOINT,
            LOG_ANALYTICS_ENDPOINT);

    /** Every 5 minutes, on the minute. Written into local.settings.json and the app settings. */
    public static final String DEFAULT_SCHEDULE = "0 */5 * * * *";

    private static final Pattern GUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern CRON_FIELD = Pattern.compile("[0-9A-Za-z*/,\\-]+");
    private static final Pattern STORAGE_ACCOUNT = Pattern.compile("[a-z0-9]{3,24}");

    public static FunctionSettings read(SettingsReader reader) {
        String workspaceId = reader.required(WORKSPACE_ID, "the Log Analytics workspace id (a GUID, the workspace's 'Workspace ID')");
        if (!workspaceId.isEmpty() && !GUID.matcher(workspaceId).matches()) {
            reader.problem(WORKSPACE_ID, "expected a GUID such as 0a1b2c3d-1111-2222-3333-444455556666 (the workspace's "
                    + "'Workspace ID', not its ARM id), got '" + workspaceId + "'");
        }
        List<HubResourceId> hubs = hubs(reader);
        String schedule = schedule(reader);
        Duration overlap = Duration.ofMinutes(reader.integer(OVERLAP_MINUTES, 15, 1, 180));
        Duration lookback = Duration.ofHours(reader.integer(LOOKBACK_HOURS, 24, 1, 168));
        Duration maxCatchUp = Duration.ofHours(reader.integer(MAX_CATCH_UP_HOURS, 6, 1, 168));
        if (maxCatchUp.compareTo(lookback) > 0) {
            reader.problem(MAX_CATCH_UP_HOURS, "must not exceed " + LOOKBACK_HOURS + " (" + lookback.toHours()
                    + "): conflicts ingested in the catch-up window need their context inside the look-back, got "
                    + maxCatchUp.toHours());
        }
        Duration lease = Duration.ofMinutes(reader.integer(LEASE_MINUTES, 10, 1, 240));
        FunctionTimeout.read(reader).ifPresent(timeout -> {
            if (lease.compareTo(timeout.value()) < 0) {
                reader.problem(LEASE_MINUTES, lease.toMinutes() + " min is shorter than the host's functionTimeout ("
                        + timeout.value() + " from " + timeout.source() + "): a lease must outlast the longest invocation "
                        + "(or a worker the host gave up on could still be writing when another takes its hub); set at least "
                        + (timeout.value().toSeconds() + 59) / 60);
            }
        });
        FlapPolicy d = FlapPolicy.DEFAULTS;
        FlapPolicy flaps = new FlapPolicy(
                reader.integer(FLAP_THRESHOLD, d.threshold(), 2, 1000),
                Duration.ofMinutes(reader.integer(FLAP_WINDOW_MINUTES, (int) d.window().toMinutes(), 1, 1440)),
                Duration.ofMinutes(reader.integer(EVALUATION_DEBOUNCE_MINUTES, (int) d.debounce().toMinutes(), 1, 1440)));
        int alertMax = reader.integer(ALERT_MAX_IDENTITIES, 50, 1, 1000);
        int alertRate = reader.integer(ALERT_MAX_REQUESTS_PER_MINUTE, 120, 1, 100_000);
        TableStorageSettings storage = storage(reader);
        QueueStorageSettings queue = queue(reader);
        Optional<String> clientId = reader.optional(AZURE_CLIENT_ID);
        clientId.ifPresent(id -> {
            if (!GUID.matcher(id).matches()) {
                reader.problem(AZURE_CLIENT_ID, "expected the client id (a GUID) of the user-assigned managed identity, got '" + id + "'");
            }
        });
        Optional<URI> logAnalytics = reader.httpsUrl(LOG_ANALYTICS_ENDPOINT);
        logAnalytics.ifPresent(uri -> {
            if (!uri.getPath().endsWith("/v1")) {
                reader.problem(LOG_ANALYTICS_ENDPOINT, "expected the query endpoint ending in /v1, e.g. https://api.loganalytics.azure.cn/v1");
            }
        });
        return new FunctionSettings(workspaceId, hubs, schedule, overlap, lookback, maxCatchUp, lease, flaps, alertMax,
                alertRate, storage, queue, clientId, logAnalytics);
    }

    /** The lower-case hub names, in configuration order. */
    public List<String> hubNames() {
        return hubs.stream().map(HubResourceId::hub).toList();
    }

    private static List<HubResourceId> hubs(SettingsReader reader) {
        String raw = reader.required(HUB_RESOURCE_IDS, "the ARM ids of the IoT hubs to watch, comma-separated "
                + "(/subscriptions/{id}/resourceGroups/{group}/providers/Microsoft.Devices/IotHubs/{name})");
        List<HubResourceId> hubs = new ArrayList<>();
        Map<String, HubResourceId> byName = new LinkedHashMap<>();
        for (String part : raw.split("[,;\\s]+")) {
            if (part.isBlank()) {
                continue;
            }
            Optional<HubResourceId> id = HubResourceId.parse(part);
            if (id.isEmpty()) {
                reader.problem(HUB_RESOURCE_IDS, "'" + part + "' is not an IoT hub's ARM id; expected "
                        + "/subscriptions/{guid}/resourceGroups/{group}/providers/Microsoft.Devices/IotHubs/{name}");
            } else if (byName.putIfAbsent(id.get().hub(), id.get()) != null) {
                reader.problem(HUB_RESOURCE_IDS, "hub '" + id.get().hub() + "' is listed twice; hub names are unique across Azure");
            } else {
                hubs.add(id.get());
            }
        }
        return List.copyOf(hubs);
    }

    private static String schedule(SettingsReader reader) {
        String schedule = reader.required(SCHEDULE, "the timer's NCRONTAB expression with six fields, e.g. '"
                + DEFAULT_SCHEDULE + "' (the timer trigger reads it as %" + SCHEDULE + "%)");
        if (schedule.isEmpty()) {
            return schedule;
        }
        String[] fields = schedule.split("\\s+");
        boolean valid = fields.length == 6;
        for (int i = 0; valid && i < fields.length; i++) {
            valid = CRON_FIELD.matcher(fields[i]).matches();
        }
        if (!valid) {
            reader.problem(SCHEDULE, "expected an NCRONTAB expression with six fields "
                    + "({second} {minute} {hour} {day} {month} {day-of-week}), e.g. '" + DEFAULT_SCHEDULE + "', got '" + schedule + "'");
        } else if (!fields[0].matches("[0-5]?[0-9]")) {
            reader.problem(SCHEDULE, "the seconds field must be one number (LinkGuard runs at most once a minute), got '"
                    + fields[0] + "' in '" + schedule + "'");
        }
        return schedule;
    }

    /**
     * The host's own storage account, where its queue trigger listens: its identity-based settings, else its
     * connection string.
     */
    private static QueueStorageSettings queue(SettingsReader reader) {
        if (reader.optional(AZURE_WEBJOBS_STORAGE_QUEUE_URI).isPresent()) {
            return QueueStorageSettings.endpoint(reader.httpsUrl(AZURE_WEBJOBS_STORAGE_QUEUE_URI)
                    .orElse(URI.create("https://invalid.queue.core.windows.net")), AZURE_WEBJOBS_STORAGE_QUEUE_URI);
        }
        Optional<String> account = reader.optional(AZURE_WEBJOBS_STORAGE_ACCOUNT);
        if (account.isPresent() && STORAGE_ACCOUNT.matcher(account.get()).matches()) {
            return QueueStorageSettings.endpoint(URI.create("https://" + account.get() + ".queue.core.windows.net"),
                    AZURE_WEBJOBS_STORAGE_ACCOUNT);
        }
        Optional<String> connection = reader.optional(AZURE_WEBJOBS_STORAGE);
        if (connection.isPresent()) {
            return QueueStorageSettings.connectionString(connection.get(), AZURE_WEBJOBS_STORAGE);
        }
        // The host cannot run without its own storage settings, so in Azure one of the above is always there; a
        // process without them (a benchmark of the timer alone) only fails when it enqueues, naming the settings.
        return QueueStorageSettings.connectionString("", AZURE_WEBJOBS_STORAGE_QUEUE_URI);
    }

    /**
     * Where the state tables are, when any of the settings that say so is given (the CLI's {@code apply} shares
     * the Functions app's hub leases through them); empty when none is.
     */
    public static Optional<TableStorageSettings> tableStorage(SettingsReader reader) {
        boolean given = reader.optional(TABLE_ENDPOINT).isPresent() || reader.optional(AZURE_WEBJOBS_STORAGE_TABLE_URI).isPresent()
                || reader.optional(AZURE_WEBJOBS_STORAGE_ACCOUNT).isPresent() || reader.optional(AZURE_WEBJOBS_STORAGE).isPresent();
        return given ? Optional.of(storage(reader)) : Optional.empty();
    }

    private static TableStorageSettings storage(SettingsReader reader) {
        Optional<URI> explicit = reader.httpsUrl(TABLE_ENDPOINT);
        if (explicit.isPresent()) {
            return TableStorageSettings.endpoint(explicit.get(), TABLE_ENDPOINT);
        }
        if (reader.optional(AZURE_WEBJOBS_STORAGE_TABLE_URI).isPresent()) {
            return TableStorageSettings.endpoint(reader.httpsUrl(AZURE_WEBJOBS_STORAGE_TABLE_URI)
                    .orElse(URI.create("https://invalid.table.core.windows.net")), AZURE_WEBJOBS_STORAGE_TABLE_URI);
        }
        Optional<String> account = reader.optional(AZURE_WEBJOBS_STORAGE_ACCOUNT);
        if (account.isPresent()) {
            if (!STORAGE_ACCOUNT.matcher(account.get()).matches()) {
                reader.problem(AZURE_WEBJOBS_STORAGE_ACCOUNT, "expected a storage account name (3-24 lower-case letters and digits), got '"
                        + account.get() + "'");
            }
            return TableStorageSettings.endpoint(URI.create("https://" + account.get() + ".table.core.windows.net"),
                    AZURE_WEBJOBS_STORAGE_ACCOUNT);
        }
        Optional<String> connection = reader.optional(AZURE_WEBJOBS_STORAGE);
        if (connection.isPresent()) {
            if (!connection.get().contains("=")) {
                reader.problem(AZURE_WEBJOBS_STORAGE, "expected a storage connection string (key=value;...) such as "
                        + "UseDevelopmentStorage=true (value not shown: it can hold a key)");
            }
            return TableStorageSettings.connectionString(connection.get(), AZURE_WEBJOBS_STORAGE);
        }
        reader.problem(TABLE_ENDPOINT, "missing; LinkGuard keeps its state in Table Storage: set " + TABLE_ENDPOINT
                + " (https://{account}.table.core.windows.net, reached with the managed identity) or the Functions host's "
                + AZURE_WEBJOBS_STORAGE_ACCOUNT + " / " + AZURE_WEBJOBS_STORAGE_TABLE_URI + " / " + AZURE_WEBJOBS_STORAGE
                + " (UseDevelopmentStorage=true for Azurite)");
        return TableStorageSettings.connectionString("", TABLE_ENDPOINT);
    }
}
