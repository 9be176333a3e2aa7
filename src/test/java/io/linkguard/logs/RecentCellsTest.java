package io.linkguard.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RecentCellsTest {

    @Test
    void aRepeatedJsonValueIsOneSharedStringAndADifferentOneIsNot() {
        RecentCells recent = new RecentCells();
        char[] row1 = "xxConnectionsyy".toCharArray();
        char[] row2 = "Connections".toCharArray();
        String first = recent.text(row1, 2, 11);
        assertEquals("Connections", first);
        assertSame(first, recent.text(row2, 0, 11));
        String other = recent.text("Connection".toCharArray(), 0, 10);
        assertEquals("Connection", other);
        assertEquals("onnections", recent.text(row2, 1, 10));
    }

    @Test
    void aColumnThatSeldomRepeatsStopsCachingAndStillGivesEveryValue() {
        RecentCells recent = new RecentCells();
        for (int i = 0; i < 1000; i++) {
            String v = "2026-12-07T10:" + i;
            assertEquals(v, recent.text(v.toCharArray(), 0, v.length()));
        }
        String a = recent.text("same".toCharArray(), 0, 4);
        assertNotSame(a, recent.text("same".toCharArray(), 0, 4)); // caching is off for this column now
    }

    @Test
    void bytesAndCharactersGiveTheSameText() {
        String v = "azure-iot-device/1.18.3 (node 18; linux) é";
        byte[] b = v.getBytes(StandardCharsets.UTF_8);
        assertEquals(new RecentCells().text(b, 0, b.length), new RecentCells().text(v.toCharArray(), 0, v.length()));
    }

    @Test
    void aValueLongerThanTheCacheLimitIsDecodedEveryTime() {
        String v = "p".repeat(RecentCells.MAX_BYTES + 1);
        RecentCells recent = new RecentCells();
        String a = recent.text(v.toCharArray(), 0, v.length());
        assertEquals(v, a);
        assertNotSame(a, recent.text(v.toCharArray(), 0, v.length()));
    }
}
