package io.linkguard.hub.stub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of IoT Hub's query language the stub answers on {@code POST /devices/query}:
 * {@code SELECT *}, {@code SELECT COUNT() AS n} or {@code SELECT a.b, c} (fields named by their last
 * segment) {@code FROM devices} or {@code devices.modules}, optionally {@code WHERE} conditions joined by
 * {@code AND}, each one of {@code path = literal}, {@code path != literal}, {@code IS_DEFINED(path)},
 * {@code NOT IS_DEFINED(path)} or {@code deviceId IN ['a','b']}, where a path is a dotted twin path
 * ({@code tags.linkguard.classification}, {@code properties.desired.linkguard.backoff}, {@code deviceId})
 * and a literal is a quoted string, a number, true, false or null. Enough to check the operator queries
 * LinkGuard documents; anything else is answered 400.
 */
final class StubQuery {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SELECT = Pattern.compile(
            "(?is)\\s*SELECT\\s+(.+?)\\s+FROM\\s+(devices(?:\\.modules)?)\\s*(?:WHERE\\s+(.*))?");
    private static final Pattern COUNT = Pattern.compile("(?is)COUNT\\(\\)\\s+AS\\s+(\\w+)");
    private static final Pattern FIELDS = Pattern.compile("(?is)[\\w.$]+(\\s*,\\s*[\\w.$]+)*");
    private static final Pattern DEFINED = Pattern.compile("(?is)(NOT\\s+)?IS_DEFINED\\s*\\(\\s*([\\w.$]+)\\s*\\)");
    private static final Pattern COMPARE = Pattern.compile("(?is)([\\w.$]+)\\s*(=|!=|<>)\\s*(.+)");
    private static final Pattern IN = Pattern.compile("(?is)deviceId\\s+IN\\s*\\[(.*)]");

    final boolean modules;
    /** The alias of {@code COUNT() AS alias}, or null. */
    final String countAlias;
    /** The projected paths, or null for {@code *}. */
    final List<String> fields;
    private final Predicate<JsonNode> filter;

    private StubQuery(boolean modules, String countAlias, List<String> fields, Predicate<JsonNode> filter) {
        this.modules = modules;
        this.countAlias = countAlias;
        this.fields = fields;
        this.filter = filter;
    }

    /** The query, or null when the stub does not understand it. */
    static StubQuery parse(String query) {
        Matcher m = SELECT.matcher(query == null ? "" : query);
        if (!m.matches()) {
            return null;
        }
        String select = m.group(1).trim();
        String countAlias = null;
        List<String> fields = null;
        Matcher count = COUNT.matcher(select);
        if (count.matches()) {
            countAlias = count.group(1);
        } else if (!select.equals("*")) {
            if (!FIELDS.matcher(select).matches()) {
                return null;
            }
            fields = List.of(select.split("\\s*,\\s*"));
        }
        boolean modules = m.group(2).equalsIgnoreCase("devices.modules");
        Predicate<JsonNode> all = t -> true;
        if (m.group(3) != null && !m.group(3).isBlank()) {
            for (String part : splitAnd(m.group(3))) {
                Predicate<JsonNode> p = condition(part.trim());
                if (p == null) {
                    return null;
                }
                all = all.and(p);
            }
        }
        return new StubQuery(modules, countAlias, fields, all);
    }

    /** The result rows over the matching twins: the twins, their projections, or one count row. */
    List<JsonNode> results(List<JsonNode> matching) {
        if (countAlias != null) {
            return List.of(JSON.createObjectNode().put(countAlias, matching.size()));
        }
        if (fields == null) {
            return matching;
        }
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode twin : matching) {
            com.fasterxml.jackson.databind.node.ObjectNode row = JSON.createObjectNode();
            for (String f : fields) {
                JsonNode v = at(twin, f);
                if (!v.isMissingNode()) {
                    row.set(f.substring(f.lastIndexOf('.') + 1), v);
                }
            }
            out.add(row);
        }
        return out;
    }

    boolean matches(JsonNode twin) {
        return filter.test(twin);
    }

    private static Predicate<JsonNode> condition(String c) {
        Matcher defined = DEFINED.matcher(c);
        if (defined.matches()) {
            String path = defined.group(2);
            boolean negate = defined.group(1) != null;
            return t -> negate == at(t, path).isMissingNode();
        }
        Matcher in = IN.matcher(c);
        if (in.matches()) {
            List<String> ids = DeviceIdCondition.literals(in.group(1));
            return ids == null ? null : t -> ids.contains(t.path("deviceId").asText());
        }
        Matcher cmp = COMPARE.matcher(c);
        if (cmp.matches()) {
            JsonNode literal = literal(cmp.group(3).trim());
            if (literal == null) {
                return null;
            }
            String path = cmp.group(1);
            boolean equal = cmp.group(2).equals("=");
            return t -> {
                JsonNode v = at(t, path);
                return !v.isMissingNode() && equal == sameValue(v, literal);
            };
        }
        return null;
    }

    private static boolean sameValue(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        return a.equals(b);
    }

    private static JsonNode at(JsonNode twin, String path) {
        JsonNode n = twin;
        for (String part : path.split("\\.")) {
            n = n.path(part);
        }
        return n;
    }

    private static JsonNode literal(String s) {
        if (s.startsWith("'")) {
            List<String> one = DeviceIdCondition.literals(s);
            return one == null || one.size() != 1 ? null : JSON.getNodeFactory().textNode(one.get(0));
        }
        try {
            JsonNode n = JSON.readTree(s);
            return n != null && (n.isNumber() || n.isBoolean() || n.isNull()) ? n : null;
        } catch (java.io.IOException e) {
            return null;
        }
    }

    /** Splits on AND outside quotes and brackets. */
    private static List<String> splitAnd(String where) {
        List<String> parts = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        int depth = 0;
        for (int i = 0; i < where.length(); i++) {
            char ch = where.charAt(i);
            if (ch == '\\' && quoted && i + 1 < where.length()) {
                cur.append(ch).append(where.charAt(++i));
                continue;
            }
            if (ch == '\'') {
                quoted = !quoted;
            } else if (!quoted && (ch == '[' || ch == '(')) {
                depth++;
            } else if (!quoted && (ch == ']' || ch == ')')) {
                depth--;
            }
            if (!quoted && depth == 0 && where.regionMatches(true, i, " AND ", 0, 5)) {
                parts.add(cur.toString());
                cur.setLength(0);
                i += 4;
                continue;
            }
            cur.append(ch);
        }
        parts.add(cur.toString());
        return parts;
    }
}
