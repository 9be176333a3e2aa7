package io.linkguard.tickets.setup;

import io.linkguard.config.SettingNames;
import java.util.Set;

/** Registers {@link TicketSettings#NAMES} with config.KnownSettings (META-INF/services/io.linkguard.config.SettingNames). */
public final class TicketSettingNames implements SettingNames {
    @Override
    public Set<String> names() {
        return TicketSettings.NAMES;
    }
}
