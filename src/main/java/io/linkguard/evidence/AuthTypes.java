package io.linkguard.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * The cohort label of a Connections row's {@code authType}: null, a JSON object given as a string (as the hub
 * writes it, {@code "{\"scope\":\"device\",\"type\":\"sas\",\"issuer\":\"iothub\",...}"}) or, in some exports,
 * the object itself. An object becomes {@code type/scope} ("sas/device", "x509/module"), its parts that are
 * missing left out; any other text of at most {@link #MAX_PLAIN_LENGTH} characters is kept as it is. The same
 * rule is written in KQL in identity-observations.kql and hub-population.kql.
 */
public final class AuthTypes {
    static final int MAX_PLAIN_LENGTH = 64;
    private static final ObjectMapper JSON = new ObjectMapper();

    private AuthTypes() {
    }

    /** The label of an authType text (a string value already unescaped), or null when it says nothing usable. */
    public static String label(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        if (!text.startsWith("{")) {
            return text.length() <= MAX_PLAIN_LENGTH ? text : null;
        }
        try {
            return label(JSON.readTree(text));
        } catch (IOException e) {
            return null; // a broken object says nothing about the client
        }
    }

    /** The label of an authType that is a JSON object. */
    static String label(JsonNode node) {
        if (node == null || !node.isObject()) {
            return null;
        }
        String type = part(node.get("type"));
        String scope = part(node.get("scope"));
        String label = type == null ? scope : scope == null ? type : type + "/" + scope;
        return label == null || label.length() > MAX_PLAIN_LENGTH ? null : label;
    }

    private static String part(JsonNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        String s = n.isValueNode() ? n.asText() : n.toString();
        return s.isEmpty() ? null : s;
    }
}
