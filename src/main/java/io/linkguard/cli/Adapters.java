package io.linkguard.cli;

import io.linkguard.remediation.HubGatewayFactory;
import io.linkguard.tickets.TicketPort;
import io.linkguard.tickets.setup.TicketPorts;
import java.time.Clock;
import java.util.Map;
import java.util.function.Function;

/**
 * What the command line acts through: the hub adapter (behind {@link HubGatewayFactory}), the ticket sink
 * built from the app settings, and the clock. {@link #none()} has no hub adapter and no ticket sink: plan
 * and observe work, dry-run and enforce say clearly that no hub can be reached.
 */
public record Adapters(HubGatewayFactory hubs, Function<Map<String, String>, TicketPort> tickets, Clock clock) {

    /** The real adapters: ticket sinks from the settings (LINKGUARD_TICKET_SINKS), the IoT Hub adapter. */
    public static Adapters standard() {
        return new Adapters(HubGatewayFactory.unavailable(), TicketPorts::fromSettings, Clock.systemUTC());
    }

    public static Adapters none() {
        return new Adapters(HubGatewayFactory.unavailable(), settings -> TicketPort.disabled(), Clock.systemUTC());
    }
}
