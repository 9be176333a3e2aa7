package io.linkguard.infra;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/** Read-only navigation over the tree-sitter-bicep parse tree printed by bicep-check.cjs --ast. */
final class BicepNode {
    private final JsonNode json;

    BicepNode(JsonNode json) {
        this.json = json;
    }

    String type() {
        return json.path("type").asText();
    }

    int line() {
        return json.path("line").asInt();
    }

    /** The source text of a leaf (identifier, number, ...). */
    String text() {
        return json.path("text").asText(null);
    }

    /** The value of a string literal without interpolation; null for anything else. */
    String stringValue() {
        JsonNode value = json.get("value");
        return value == null || value.isNull() ? null : value.asText();
    }

    List<BicepNode> children() {
        List<BicepNode> children = new ArrayList<>();
        json.path("children").forEach(c -> children.add(new BicepNode(c)));
        return children;
    }

    List<BicepNode> children(String type) {
        return children().stream().filter(c -> c.type().equals(type)).toList();
    }

    Optional<BicepNode> child(String type) {
        return children().stream().filter(c -> c.type().equals(type)).findFirst();
    }

    /** The first identifier child: the declared name of a param, var, resource, module or output. */
    String declaredName() {
        return child("identifier").map(BicepNode::text).orElse(null);
    }

    /** Top-level declaration of the given node type and name (e.g. "variable_declaration", "linkguardSettings"). */
    Optional<BicepNode> declaration(String type, String name) {
        return children(type).stream().filter(d -> name.equals(d.declaredName())).findFirst();
    }

    /** The key of an object_property: an identifier or a plain string. */
    String propertyKey() {
        BicepNode key = children().get(0);
        return key.type().equals("string") ? key.stringValue() : key.text();
    }

    /** The value node of an object_property. */
    BicepNode propertyValue() {
        return children().get(1);
    }

    /** For an object node: its properties, in source order. */
    List<BicepNode> properties() {
        return children("object_property");
    }

    /** For an object node: the value of the property named {@code name}. */
    Optional<BicepNode> property(String name) {
        return properties().stream().filter(p -> name.equals(p.propertyKey())).map(BicepNode::propertyValue).findFirst();
    }

    /** Every node below this one (depth first) that matches. */
    List<BicepNode> descendants(Predicate<BicepNode> match) {
        List<BicepNode> found = new ArrayList<>();
        collect(this, match, found);
        return found;
    }

    private static void collect(BicepNode node, Predicate<BicepNode> match, List<BicepNode> found) {
        for (BicepNode child : node.children()) {
            if (match.test(child)) {
                found.add(child);
            }
            collect(child, match, found);
        }
    }

    @Override
    public String toString() {
        return type() + "@" + line();
    }
}
