package io.linkguard.config;

import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every app setting LinkGuard reads, in one place: start-up rejects unknown LINKGUARD_ keys against it and
 * the infrastructure contract test checks the Bicep against it. The settings of this package are listed here;
 * those of other packages (hub, remediation, tickets) register a {@link SettingNames} service, so this class
 * imports none of them (no package circle: they all read their settings through config).
 */
public final class KnownSettings {

    private KnownSettings() {
    }

    public static Set<String> all() {
        Set<String> names = new TreeSet<>();
        names.addAll(AnalysisSettings.NAMES);
        names.addAll(FunctionSettings.NAMES);
        for (SettingNames registered : ServiceLoader.load(SettingNames.class, KnownSettings.class.getClassLoader())) {
            names.addAll(registered.names());
        }
        return names;
    }
}
