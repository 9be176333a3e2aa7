package io.linkguard.hub.stub;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the job query conditions the stub understands: {@code deviceId IN ['a','b']} and
 * {@code deviceId = 'a'}, with string literals in single quotes and {@code \'} / {@code \\} escapes.
 */
final class DeviceIdCondition {
    private static final Pattern IN = Pattern.compile("(?is)\\s*deviceId\\s+IN\\s*\\[(.*)]\\s*");
    private static final Pattern EQ = Pattern.compile("(?is)\\s*deviceId\\s*=\\s*('.*')\\s*");

    private DeviceIdCondition() {
    }

    /** The device ids, or null when the condition is not one of the two forms. */
    static List<String> parse(String condition) {
        if (condition == null) {
            return null;
        }
        Matcher in = IN.matcher(condition);
        if (in.matches()) {
            return literals(in.group(1));
        }
        Matcher eq = EQ.matcher(condition);
        if (eq.matches()) {
            List<String> one = literals(eq.group(1));
            return one != null && one.size() == 1 ? one : null;
        }
        return null;
    }

    /** Comma-separated single-quoted literals, or null on a syntax error. */
    static List<String> literals(String list) {
        List<String> out = new ArrayList<>();
        int i = 0;
        int n = list.length();
        while (true) {
            while (i < n && Character.isWhitespace(list.charAt(i))) {
                i++;
            }
            if (i >= n || list.charAt(i) != '\'') {
                return out.isEmpty() && i >= n ? out : null;
            }
            StringBuilder lit = new StringBuilder();
            i++;
            boolean closed = false;
            while (i < n) {
                char c = list.charAt(i++);
                if (c == '\\' && i < n) {
                    lit.append(list.charAt(i++));
                } else if (c == '\'') {
                    closed = true;
                    break;
                } else {
                    lit.append(c);
                }
            }
            if (!closed) {
                return null;
            }
            out.add(lit.toString());
            while (i < n && Character.isWhitespace(list.charAt(i))) {
                i++;
            }
            if (i >= n) {
                return out;
            }
            if (list.charAt(i) != ',') {
                return null;
            }
            i++;
        }
    }
}
