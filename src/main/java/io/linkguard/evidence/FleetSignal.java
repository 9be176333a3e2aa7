package io.linkguard.evidence;

/** The kinds of hub-wide drop a fleet event is detected from, each against its own baseline. */
public enum FleetSignal {
    /** 400029/400030: connections closed or rejected by a service or platform upgrade. */
    UPGRADE("platform-codes", "closed with 400029/400030 (service or platform upgrade)"),
    /** 5xx: hub-side faults (500001 ServerError, 500008 GenericTimeout, ...). */
    SERVER_ERRORS("server-errors", "closed with hub-side 5xx errors"),
    /** 404104 that is not an MQTT SAS renewal: connections lost (network, keep-alive). */
    CONNECTION_LOSS("mass-drop", "lost their connection (404104)");

    private final String trigger;
    private final String description;

    FleetSignal(String trigger, String description) {
        this.trigger = trigger;
        this.description = description;
    }

    /** The name a fleet event triggered by this signal carries in the plan ({@code fleetEvents[].trigger}). */
    public String trigger() {
        return trigger;
    }

    public String description() {
        return description;
    }

    /** The signal a fleet drop of this kind belongs to, or null when the kind is no fleet drop. */
    public static FleetSignal of(EventKind kind) {
        return switch (kind) {
            case PLATFORM_FAULT -> UPGRADE;
            case SERVER_ERROR -> SERVER_ERRORS;
            case DROP -> CONNECTION_LOSS;
            default -> null;
        };
    }
}
