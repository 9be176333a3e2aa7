package io.linkguard.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HubPopulationTest {

    @Test
    void countsEveryIdentitySeenOnceByItsLatestValues() {
        ObservationCollector collector = new ObservationCollector(256);
        Timelines.of("conflicting").sdk("a/1").at(0).connect("1.1.1.XXX").sdk("a/2").at(10).connect("2.2.2.XXX")
                .conflict("2.2.2.XXX").events().forEach(collector::add);
        Timelines.of("quiet").sdk("a/1").at(0).connect("1.1.1.XXX").events().forEach(collector::add);
        new Timelines(new Identity("hub-a", "dev", "mod")).sdk("a/1").at(0).connect("3.3.3.XXX").events().forEach(collector::add);
        new Timelines(new Identity("hub-b", "other", null)).at(0).connect("4.4.4.XXX").events().forEach(collector::add);

        List<HubPopulation> populations = collector.hubPopulations();
        assertEquals(List.of("hub-a", "hub-b"), populations.stream().map(HubPopulation::hub).toList());
        HubPopulation a = populations.get(0);
        assertEquals(3, a.identities());
        assertEquals(Map.of("a/1", 2, "a/2", 1), a.identitiesByValue().get(IdentityAttribute.SDK_VERSION));
        assertEquals(Map.of("device", 2, "module", 1), a.identitiesByValue().get(IdentityAttribute.IDENTITY_KIND));
        assertEquals(Map.of("Mqtt", 3), a.identitiesByValue().get(IdentityAttribute.PROTOCOL));
        assertEquals(3, a.identitiesWith(IdentityAttribute.MASKED_IP));
        assertEquals(Map.of("1.1.1.XXX", 1, "2.2.2.XXX", 1, "3.3.3.XXX", 1), a.identitiesByValue().get(IdentityAttribute.MASKED_IP));
    }
}
