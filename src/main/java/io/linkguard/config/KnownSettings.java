package io.linkguard.config;

import io.linkguard.hub.HubSettings;
import io.linkguard.remediation.RemediationSettings;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every app setting LinkGuard reads, in one place: start-up rejects unknown LINKGUARD_ keys against it and
 * the infrastructure contract test checks the Bicep against it. Each settings class adds its NAMES here.
 */
public final class KnownSettings {

    private KnownSettings() {
    }

    public static Set<String> all() {
        Set<String> names = new TreeSet<>();
        names.addAll(AnalysisSettings.NAMES);
        names.addAll(FunctionSettings.NAMES);
        names.addAll(HubSettings.NAMES);
        names.addAll(io.linkguard.tickets.setup.TicketSettings.NAMES);
        names.addAll(RemediationSettings.NAMES);
        return names;
    }
}
