package io.linkguard.device;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * Runs the reference device until it is stopped (Ctrl-C / SIGTERM).
 *
 * <pre>
 * IOTHUB_DEVICE_CONNECTION_STRING='HostName=...;DeviceId=...;SharedAccessKey=...' \
 *   java -cp "target/classes:$(cat target/classpath.txt)" io.linkguard.device.Main
 * </pre>
 *
 * Settings (environment): {@code IOTHUB_DEVICE_CONNECTION_STRING} (required) and {@code LINKGUARD_BACKOFF_METHOD}
 * (optional, default {@code linkguardBackoff}: the same value as LinkGuard's setting of that name).
 */
public final class Main {
    static final String CONNECTION_STRING = "IOTHUB_DEVICE_CONNECTION_STRING";
    static final String BACKOFF_METHOD = "LINKGUARD_BACKOFF_METHOD";
    private static final Pattern METHOD_NAME = Pattern.compile("[A-Za-z0-9_.\\-]{1,128}");

    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        ReferenceDevice device;
        try {
            device = build(fromEnvironment(System.getenv()));
        } catch (IllegalArgumentException e) {
            System.err.println("device-client: " + e.getMessage());
            System.exit(2);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                device.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "device-client-shutdown"));
        device.start();
    }

    /** Builds the device; the SDK's own objection to a connection string names the setting. */
    static ReferenceDevice build(ReferenceDevice.Builder builder) {
        try {
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(CONNECTION_STRING + " was refused by the device SDK: " + e.getMessage(), e);
        }
    }

    /** The device configured from environment settings; a bad setting is named in the exception. */
    static ReferenceDevice.Builder fromEnvironment(Map<String, String> environment) {
        String connectionString = environment.get(CONNECTION_STRING);
        if (connectionString == null || connectionString.isBlank()) {
            throw new IllegalArgumentException(CONNECTION_STRING + " is required: the device's connection string "
                    + "(HostName=...;DeviceId=...;SharedAccessKey=...)");
        }
        if (!connectionString.contains("DeviceId=") || !connectionString.contains("HostName=")) {
            throw new IllegalArgumentException(CONNECTION_STRING + " must contain HostName= and DeviceId=");
        }
        String methodName = environment.getOrDefault(BACKOFF_METHOD, ReferenceDevice.DEFAULT_METHOD_NAME);
        if (!METHOD_NAME.matcher(methodName).matches()) {
            throw new IllegalArgumentException(BACKOFF_METHOD + " must be 1-128 letters, digits, '.', '_' or '-', got '"
                    + methodName + "'");
        }
        return ReferenceDevice.builder().connectionString(connectionString).backoffMethodName(methodName);
    }
}
