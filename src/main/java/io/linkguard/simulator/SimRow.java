package io.linkguard.simulator;

/**
 * One simulated AzureDiagnostics Connections row. {@code propertiesJson} is written verbatim as
 * properties_s (malformed rows put broken JSON there on purpose).
 */
public record SimRow(long timeMillis, String hub, String operation, String level, String resultType,
              String resultDescription, String propertiesJson, String category, String timeText) {

    SimRow(long timeMillis, String hub, String operation, String resultType, String resultDescription,
           String propertiesJson, String category, String timeText) {
        this(timeMillis, hub, operation, resultType == null ? "Information" : "Error", resultType, resultDescription,
                propertiesJson, category, timeText);
    }

    SimRow withLevel(String newLevel) {
        return new SimRow(timeMillis, hub, operation, newLevel, resultType, resultDescription, propertiesJson, category,
                timeText);
    }
}
