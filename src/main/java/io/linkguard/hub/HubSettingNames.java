package io.linkguard.hub;

import io.linkguard.config.SettingNames;
import java.util.Set;

/** Registers {@link HubSettings#NAMES} with config.KnownSettings (META-INF/services/io.linkguard.config.SettingNames). */
public final class HubSettingNames implements SettingNames {
    @Override
    public Set<String> names() {
        return HubSettings.NAMES;
    }
}
