package io.linkguard.config;

import java.util.Set;

/**
 * The app-setting names one settings class reads, registered for {@link KnownSettings} as a service
 * (META-INF/services/io.linkguard.config.SettingNames). The settings classes of other packages register
 * themselves this way so that config, which they all use, never has to import them back.
 */
public interface SettingNames {
    Set<String> names();
}
