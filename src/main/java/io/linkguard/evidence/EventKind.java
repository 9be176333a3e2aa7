package io.linkguard.evidence;

/** What a Connections log row means for LinkGuard, decided by its ResultType code. */
public enum EventKind {
    /** A successful deviceConnect. */
    CONNECT,
    /** A clean deviceDisconnect (no error code). */
    DISCONNECT,
    /** 409002 LinkCreationConflict or 400027 ConnectionForcefullyClosedOnNewConnection. */
    CONFLICT,
    /** 404104 DeviceConnectionClosedRemotely: keep-alive loss, TCP reset, crash, token expiry. */
    DROP,
    /** 401003 IoTHubUnauthorized: an expired token, normally the hourly SAS renewal. */
    AUTH_EXPIRED,
    /** 500xxx hub-side faults such as 500001 ServerError and 500008 GenericTimeout. */
    SERVER_ERROR,
    /** 400029/400030: connections closed or rejected by service and platform upgrades. */
    PLATFORM_FAULT,
    /** Any other error code (e.g. 401002 bad credentials): recorded, not used to explain conflicts. */
    OTHER_ERROR;

    private static final EventKind[] VALUES = values();

    private final String label = name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');

    /** The kind as the plan JSON's timeline names it: {@code auth-expired}. */
    public String label() {
        return label;
    }

    public static EventKind ofOrdinal(int ordinal) {
        return VALUES[ordinal];
    }

    /** Kinds that end a connection without the device asking for it: the precursors of a benign conflict. */
    public boolean isPrecursor() {
        return this == DROP || this == AUTH_EXPIRED || this == SERVER_ERROR || this == PLATFORM_FAULT;
    }

    /** Kinds that count as a drop for fleet-wide event detection (hub-side or connection-loss codes). */
    public boolean isFleetDrop() {
        return this == DROP || this == SERVER_ERROR || this == PLATFORM_FAULT;
    }

    /** Maps a ResultType code; null/empty means success and is told apart by the operation. */
    public static EventKind ofCode(String code, boolean connectOperation) {
        if (code == null || code.isEmpty()) {
            return connectOperation ? CONNECT : DISCONNECT;
        }
        switch (code) {
            case "409002":
            case "400027":
                return CONFLICT;
            case "404104":
                return DROP;
            case "401003":
                return AUTH_EXPIRED;
            case "400029":
            case "400030":
                return PLATFORM_FAULT;
            default:
                return code.length() == 6 && code.charAt(0) == '5' ? SERVER_ERROR : OTHER_ERROR;
        }
    }
}
