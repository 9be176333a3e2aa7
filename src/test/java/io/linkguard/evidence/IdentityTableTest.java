package io.linkguard.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IdentityTableTest {
    private final IdentityTable table = new IdentityTable();

    private int find(String hub, String deviceId, String moduleId) {
        String text = "{" + deviceId + "|" + (moduleId == null ? "" : moduleId) + "}"; // ids inside other text
        char[] chars = text.toCharArray();
        int deviceFrom = 1;
        int deviceTo = deviceFrom + deviceId.length();
        int byChars = moduleId == null
                ? table.find(hub, chars, deviceFrom, deviceTo, -1, -1)
                : table.find(hub, chars, deviceFrom, deviceTo, deviceTo + 1, deviceTo + 1 + moduleId.length());
        return byChars;
    }

    @Test
    void anIdentityIsFoundFromItsCharactersAsTheOneInstanceAdded() {
        assertThat(find("hub-a", "dev-1", null)).isEqualTo(-1);
        Identity device = new Identity("hub-a", "dev-1", null);
        assertThat(table.add(device)).isZero();
        int number = find(new String("hub-a"), "dev-1", null); // an equal hub name, not the same instance
        assertThat(number).isZero();
        assertThat(table.identity(number)).isSameAs(device);
        assertThat(table.size()).isEqualTo(1);
    }

    @Test
    void aModuleIsApartFromItsDeviceAndFromADeviceWithTheSameCharacters() {
        int device = table.add(new Identity("hub-a", "ab", null));
        int module = table.add(new Identity("hub-a", "a", "b"));
        int moduleOfAb = table.add(new Identity("hub-a", "ab", "c"));
        int otherSplit = table.add(new Identity("hub-a", "abc", null));
        assertThat(List.of(device, module, moduleOfAb, otherSplit)).containsExactly(0, 1, 2, 3);
        assertThat(find("hub-a", "ab", null)).isEqualTo(device);
        assertThat(find("hub-a", "a", "b")).isEqualTo(module);
        assertThat(find("hub-a", "ab", "c")).isEqualTo(moduleOfAb);
        assertThat(find("hub-a", "abc", null)).isEqualTo(otherSplit);
        assertThat(find("hub-a", "a", "bc")).isEqualTo(-1);
        assertThat(find("hub-a", "a", null)).isEqualTo(-1);
        assertThat(find("hub-a", "ab", "")).as("an empty moduleId is the device").isEqualTo(device);
    }

    @Test
    void hubsAreKeptApart() {
        int a = table.add(new Identity("hub-a", "dev", "m"));
        int b = table.add(new Identity("hub-b", "dev", "m"));
        assertThat(a).isNotEqualTo(b);
        assertThat(find("hub-a", "dev", "m")).isEqualTo(a);
        assertThat(find("hub-b", "dev", "m")).isEqualTo(b);
        assertThat(find("hub-c", "dev", "m")).as("a hub no identity has").isEqualTo(-1);
        assertThat(table.identity(b).hub()).isEqualTo("hub-b");
    }

    @Test
    void awkwardButValidIdsAreFoundAndInvalidOnesAreRefused() {
        List<String> ids = List.of("-:.+%_#*?!(),=@;$'", "x".repeat(IdentityIds.MAX_LENGTH), "A", "0",
                "x".repeat(IdentityIds.MAX_LENGTH - 1) + "y");
        for (String id : ids) {
            table.add(new Identity("hub", id, id));
        }
        for (int i = 0; i < ids.size(); i++) {
            assertThat(find("hub", ids.get(i), ids.get(i))).as(ids.get(i)).isEqualTo(i);
        }
        assertThat(find("hub", "x".repeat(IdentityIds.MAX_LENGTH + 1), null)).isEqualTo(-1);
        assertThat(find("hub", "\u0141", "\u0141")).as("0x141: its low byte is 'A'").isEqualTo(-1);
        assertThatThrownBy(() -> table.add(new Identity("hub", "g\u00e9r\u00e4t", null)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> table.add(new Identity("hub", "d", "m m"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void manySimilarIdentitiesEachKeepTheirNumberThroughGrowth() {
        Map<Identity, Integer> numbers = new HashMap<>();
        List<Identity> added = new ArrayList<>();
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            // short ids over a tiny alphabet: many equal hashes before spreading, many neighbours in the slots
            String device = Integer.toString(i % 2_000, 3);
            String module = i < 2_000 ? null : "m" + Integer.toString(i / 2_000, 2);
            Identity identity = new Identity(random.nextBoolean() ? "hub-a" : "hub-b", device, module);
            if (!numbers.containsKey(identity)) {
                assertThat(find(identity.hub(), device, module)).as(identity.display()).isEqualTo(-1);
                numbers.put(identity, table.add(identity));
                added.add(identity);
            }
        }
        assertThat(table.size()).isEqualTo(added.size());
        for (Identity identity : added) {
            int number = find(identity.hub(), identity.deviceId(), identity.moduleId());
            assertThat(number).as(identity.display()).isEqualTo(numbers.get(identity));
            assertThat(table.identity(number)).isSameAs(identity);
        }
    }
}
