package io.linkguard.cli;

import com.azure.identity.DefaultAzureCredentialBuilder;
import io.linkguard.config.FunctionSettings;
import io.linkguard.config.SettingsReader;
import io.linkguard.config.TableStorageSettings;
import io.linkguard.remediation.HubCoordination;
import io.linkguard.state.StateTables;
import io.linkguard.state.TableCohortTicketRecord;
import io.linkguard.state.TableLeaseStore;
import io.linkguard.state.TableUsageLog;
import io.linkguard.state.TableWriterLeases;
import io.linkguard.hub.HubSettings;
import io.linkguard.hub.IotHubConnections;
import io.linkguard.remediation.HubGatewayFactory;
import io.linkguard.tickets.TicketPort;
import io.linkguard.tickets.setup.TicketPorts;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the command line acts through: the hub adapter (behind {@link HubGatewayFactory}), the ticket sink
 * built from the app settings, the clock, and the hubs' writer leases, usage log and cohort ticket record shared
 * with the Functions app (empty when the settings name no state store). {@link #standard()} is the real IoT Hub adapter, ticket
 * sinks and state table; {@link #none()} has none: plan and observe work, dry-run and enforce say clearly that no
 * hub can be reached.
 */
public record Adapters(Function<Map<String, String>, HubGatewayFactory> hubs,
                       Function<Map<String, String>, TicketPort> tickets, Clock clock,
                       Function<Map<String, String>, Optional<HubCoordination>> coordination) {

    public Adapters(Function<Map<String, String>, HubGatewayFactory> hubs,
                    Function<Map<String, String>, TicketPort> tickets, Clock clock) {
        this(hubs, tickets, clock, settings -> Optional.empty());
    }

    /** The same adapters sharing the hubs with other processes through {@code coordination}. */
    public Adapters withCoordination(Function<Map<String, String>, Optional<HubCoordination>> shared) {
        return new Adapters(hubs, tickets, clock, shared);
    }

    /** Adapters with one hub factory whatever the settings (tests, embedding). */
    public static Adapters withHubs(HubGatewayFactory hubs, Function<Map<String, String>, TicketPort> tickets,
                                    Clock clock) {
        return new Adapters(settings -> hubs, tickets, clock);
    }

    /** The real adapters: ticket sinks from the settings (LINKGUARD_TICKET_SINKS), the IoT Hub adapter. */
    public static Adapters standard() {
        return new Adapters(Adapters::iotHub, TicketPorts::fromSettings, Clock.systemUTC(), Adapters::stateTable);
    }

    /**
     * The Functions app's hub leases, usage log and cohort ticket record, in the state table the settings name (LINKGUARD_TABLE_ENDPOINT
     * or the host's AzureWebJobsStorage settings), reached with DefaultAzureCredential or the connection string.
     */
    static Optional<HubCoordination> stateTable(Map<String, String> settings) {
        SettingsReader reader = new SettingsReader(settings);
        Optional<TableStorageSettings> storage = FunctionSettings.tableStorage(reader);
        Duration lease = Duration.ofMinutes(reader.integer(FunctionSettings.LEASE_MINUTES, 10, 1, 240));
        reader.throwIfInvalid();
        return storage.map(s -> coordination(new StateTables(StateTables.client(s,
                () -> new DefaultAzureCredentialBuilder().build(), null, null), StateTables.DEFAULT_PREFIX), lease));
    }

    /** The hub leases (renewed while held), usage log and cohort ticket record of {@code tables}. */
    public static HubCoordination coordination(StateTables tables, Duration lease) {
        return new HubCoordination(new TableWriterLeases(new TableLeaseStore(tables), Clock.systemUTC(), lease),
                new TableUsageLog(tables), new TableCohortTicketRecord(tables));
    }

    /** The IoT Hub adapter with DefaultAzureCredential (az login, managed identity, environment). */
    static HubGatewayFactory iotHub(Map<String, String> settings) {
        SettingsReader reader = new SettingsReader(settings);
        HubSettings hubSettings = HubSettings.read(reader);
        reader.throwIfInvalid();
        return IotHubConnections.builder()
                .credential(new DefaultAzureCredentialBuilder().build())
                .settings(hubSettings)
                .build();
    }

    public static Adapters none() {
        return withHubs(HubGatewayFactory.unavailable(), settings -> TicketPort.disabled(), Clock.systemUTC());
    }
}
