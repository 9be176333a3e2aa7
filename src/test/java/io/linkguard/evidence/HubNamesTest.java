package io.linkguard.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HubNamesTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(nullValues = "NULL", value = {
            "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Devices/IotHubs/Hub-One, hub-one",
            "/SUBSCRIPTIONS/S/RESOURCEGROUPS/RG/PROVIDERS/MICROSOFT.DEVICES/IOTHUBS/HUB-ONE/, hub-one",
            "HUB-ONE, hub-one",
            "hub-one.azure-devices.net, hub-one",
            "/subscriptions/s/iothubs/hub-one.azure-devices.net, hub-one",
            "/, NULL",
            "'', NULL",
            "NULL, NULL",
            "//, NULL"})
    void derivesTheLowerCaseName(String idOrName, String expected) {
        assertThat(HubNames.of(idOrName)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(nullValues = "NULL", value = {
            "hub-one, true", "abc, true", "ab, false", "-hub, false", "hub-, false", "Hub, false", "hub.one, false",
            "NULL, false"})
    void checksTheNamingRule(String name, boolean valid) {
        assertThat(HubNames.isValid(name)).isEqualTo(valid);
    }
}
