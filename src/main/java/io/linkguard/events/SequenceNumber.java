package io.linkguard.events;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * {@code deviceConnectionStateEventInfo.sequenceNumber}: a fixed-width hex string that increases with every
 * snapshot of one identity. Compared as text (after upper-casing), which for fixed width is numeric order;
 * a shorter string sorts first, so a sender that drops leading zeros still compares right.
 */
public record SequenceNumber(String hex) implements Comparable<SequenceNumber> {
    private static final Pattern HEX = Pattern.compile("[0-9A-F]{1,128}");

    public SequenceNumber {
        hex = hex.toUpperCase(Locale.ROOT);
        if (!HEX.matcher(hex).matches()) {
            throw new IllegalArgumentException("not a hex sequence number");
        }
    }

    public static boolean isValid(String text) {
        return text != null && HEX.matcher(text.toUpperCase(Locale.ROOT)).matches();
    }

    @Override
    public int compareTo(SequenceNumber other) {
        return hex.length() != other.hex.length() ? Integer.compare(hex.length(), other.hex.length()) : hex.compareTo(other.hex);
    }

    @Override
    public String toString() {
        return hex;
    }
}
