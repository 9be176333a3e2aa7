package io.linkguard.functions;

import io.linkguard.config.AnalysisSettings;
import io.linkguard.config.FunctionSettings;
import io.linkguard.config.KnownSettings;
import io.linkguard.config.SettingsReader;
import io.linkguard.hub.HubSettings;
import io.linkguard.remediation.safety.Mode;
import io.linkguard.remediation.RemediationSettings;
import io.linkguard.tickets.setup.TicketSettings;
import java.util.Map;

/**
 * The whole configuration of the Functions app, read once per worker: analysis thresholds, the Functions
 * settings, remediation (mode, caps, back-off), the hub adapter and the ticket sinks. Unknown LINKGUARD_ keys
 * and every bad value fail start-up together. It lives here, above the packages it composes, and not in config,
 * which they all use to read their own settings.
 */
public record LinkGuardConfig(AnalysisSettings analysis, FunctionSettings functions, RemediationSettings remediation,
                              HubSettings hub, TicketSettings tickets) {

    /** Detection only (observe mode, default hub and ticket settings): for tests and tools. */
    public LinkGuardConfig(AnalysisSettings analysis, FunctionSettings functions) {
        this(analysis, functions, RemediationSettings.DEFAULTS.withMode(Mode.OBSERVE), HubSettings.DEFAULTS,
                TicketSettings.NONE);
    }

    public static LinkGuardConfig fromSettings(Map<String, String> values) {
        SettingsReader reader = new SettingsReader(values);
        AnalysisSettings analysis = AnalysisSettings.read(reader);
        FunctionSettings functions = FunctionSettings.read(reader);
        RemediationSettings remediation = RemediationSettings.read(reader);
        HubSettings hub = HubSettings.read(reader);
        TicketSettings tickets = TicketSettings.read(reader);
        reader.rejectUnknown(KnownSettings.all());
        reader.throwIfInvalid();
        return new LinkGuardConfig(analysis, functions, remediation, hub, tickets);
    }
}
