package io.linkguard.remediation;

import io.linkguard.config.SettingNames;
import java.util.Set;

/** Registers {@link RemediationSettings#NAMES} with config.KnownSettings (META-INF/services/io.linkguard.config.SettingNames). */
public final class RemediationSettingNames implements SettingNames {
    @Override
    public Set<String> names() {
        return RemediationSettings.NAMES;
    }
}
