package io.linkguard.remediation.tag;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MergePatchTest {

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void minimalPatchSetsChangedKeysNullsRemovedOnesAndRecursesIntoObjects() {
        Map<String, Object> from = map("a", 1, "b", "x", "gone", true, "o", map("k", 1, "old", 2));
        Map<String, Object> to = map("a", 1, "b", "y", "o", map("k", 1, "new", 3));
        Map<String, Object> patch = MergePatch.diff(from, to);
        assertThat(patch).isEqualTo(map("b", "y", "o", map("old", null, "new", 3), "gone", null));
        assertThat(MergePatch.apply(from, patch)).isEqualTo(to);
    }

    @Test
    void numbersCompareByValueWhateverTheirJavaType() {
        assertThat(MergePatch.diff(map("n", 37, "d", 12.5, "z", 2.0), map("n", 37L, "d", 12.50, "z", 2))).isEmpty();
        assertThat(MergePatch.diff(map("n", 37), map("n", 38L))).isEqualTo(map("n", 38L));
    }

    @Test
    void aValueReplacingAnObjectAndAnObjectReplacingAValue() {
        Map<String, Object> from = map("o", map("k", 1), "v", 3);
        Map<String, Object> to = map("o", "flat", "v", map("k", 2));
        assertThat(MergePatch.apply(from, MergePatch.diff(from, to))).isEqualTo(to);
    }

    @Test
    void equalObjectsNeedNoPatch() {
        Map<String, Object> m = map("a", map("b", map("c", 1)));
        assertThat(MergePatch.diff(m, map("a", map("b", map("c", 1.0))))).isEmpty();
    }
}
