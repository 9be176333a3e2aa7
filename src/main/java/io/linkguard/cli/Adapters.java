package io.linkguard.cli;

import com.azure.identity.DefaultAzureCredentialBuilder;
import io.linkguard.config.SettingsReader;
import io.linkguard.hub.HubSettings;
import io.linkguard.hub.IotHubConnections;
import io.linkguard.remediation.HubGatewayFactory;
import io.linkguard.tickets.TicketPort;
import io.linkguard.tickets.setup.TicketPorts;
import java.time.Clock;
import java.util.Map;
import java.util.function.Function;

/**
 * What the command line acts through: the hub adapter (behind {@link HubGatewayFactory}), the ticket sink
 * built from the app settings, and the clock. {@link #standard()} is the real IoT Hub adapter and ticket sinks;
 * {@link #none()} has neither: plan and observe work, dry-run and enforce say clearly that no hub can be reached.
 */
public record Adapters(Function<Map<String, String>, HubGatewayFactory> hubs,
                       Function<Map<String, String>, TicketPort> tickets, Clock clock) {

    /** Adapters with one hub factory whatever the settings (tests, embedding). */
    public static Adapters withHubs(HubGatewayFactory hubs, Function<Map<String, String>, TicketPort> tickets,
                                    Clock clock) {
        return new Adapters(settings -> hubs, tickets, clock);
    }

    /** The real adapters: ticket sinks from the settings (LINKGUARD_TICKET_SINKS), the IoT Hub adapter. */
    public static Adapters standard() {
        return new Adapters(Adapters::iotHub, TicketPorts::fromSettings, Clock.systemUTC());
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
