package io.linkguard.tickets;

/**
 * Where the orchestrator reports sink trouble (a misconfiguration once per run, rate limits, failures).
 * Lines are scrubbed of secrets before they get here. The default writes to the JDK's System.Logger,
 * which the Functions host and the CLI route to their own logs.
 */
public interface TicketLog {

    void warn(String message);

    void info(String message);

    static TicketLog system() {
        System.Logger logger = System.getLogger("io.linkguard.tickets");
        return new TicketLog() {
            @Override
            public void warn(String message) {
                logger.log(System.Logger.Level.WARNING, message);
            }

            @Override
            public void info(String message) {
                logger.log(System.Logger.Level.INFO, message);
            }
        };
    }
}
