package io.linkguard.architecture;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Which io.linkguard package uses which, read from compiled classes: every class name in a class file's
 * constant pool (class references, field and method descriptors, generic signatures, annotations), so
 * fully-qualified uses count as much as imports. Only compile-time constants inlined by javac leave no trace.
 */
final class PackageDependencies {
    private static final Pattern CLASS_NAME = Pattern.compile("io/linkguard/([a-z0-9_]+(?:/[a-z0-9_]+)*)/[A-Z][\\w$]*");

    /** package -> package it uses -> one class making that use (for the message). */
    private final Map<String, Map<String, String>> uses = new TreeMap<>();

    static PackageDependencies of(Path classesRoot) throws IOException {
        PackageDependencies deps = new PackageDependencies();
        try (Stream<Path> files = Files.walk(classesRoot)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = classesRoot.relativize(file).toString().replace('\\', '/');
                int slash = name.lastIndexOf('/');
                if (!name.startsWith("io/linkguard/") || slash < 0) {
                    continue;
                }
                String from = name.substring(0, slash).replace('/', '.');
                Map<String, String> out = deps.uses.computeIfAbsent(from, k -> new TreeMap<>());
                try (InputStream in = Files.newInputStream(file)) {
                    for (String utf8 : constantPoolStrings(in)) {
                        Matcher m = CLASS_NAME.matcher(utf8);
                        while (m.find()) {
                            String to = "io.linkguard." + m.group(1).replace('/', '.');
                            if (!to.equals(from)) {
                                out.putIfAbsent(to, name.substring(slash + 1, name.length() - ".class".length()));
                            }
                        }
                    }
                }
            }
        }
        return deps;
    }

    /** The same uses between top-level packages: io.linkguard.x stands for x and all its sub-packages. */
    PackageDependencies topLevel() {
        PackageDependencies slices = new PackageDependencies();
        uses.forEach((from, out) -> {
            Map<String, String> sliceOut = slices.uses.computeIfAbsent(topLevel(from), k -> new TreeMap<>());
            out.forEach((to, example) -> {
                if (!topLevel(to).equals(topLevel(from))) {
                    sliceOut.putIfAbsent(topLevel(to), from.substring(from.lastIndexOf('.') + 1) + "." + example);
                }
            });
        });
        return slices;
    }

    private static String topLevel(String pkg) {
        int next = pkg.indexOf('.', "io.linkguard.".length());
        return next < 0 ? pkg : pkg.substring(0, next);
    }

    Set<String> packages() {
        return uses.keySet();
    }

    Map<String, String> usesOf(String pkg) {
        return uses.getOrDefault(pkg, Map.of());
    }

    /** Strongly connected components with more than one package: each is at least one import circle. */
    List<Set<String>> cycles() {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new TreeSet<>();
        List<Set<String>> components = new ArrayList<>();
        int[] counter = {0};
        for (String p : uses.keySet()) {
            if (!index.containsKey(p)) {
                connect(p, index, low, stack, onStack, components, counter);
            }
        }
        return components;
    }

    /** The component and one circle through it, as "a -> (Class in a using b) b -> ... -> a". */
    String describe(Set<String> component) {
        String start = component.iterator().next();
        Map<String, String> parent = new HashMap<>();
        Deque<String> queue = new ArrayDeque<>(List.of(start));
        while (!queue.isEmpty()) {
            String p = queue.removeFirst();
            for (String next : usesOf(p).keySet()) {
                if (next.equals(start)) {
                    List<String> path = new ArrayList<>();
                    for (String at = p; at != null; at = parent.get(at)) {
                        path.add(0, at);
                    }
                    StringBuilder s = new StringBuilder();
                    for (int i = 0; i < path.size(); i++) {
                        String to = i + 1 < path.size() ? path.get(i + 1) : start;
                        s.append(path.get(i)).append(" -> (").append(usesOf(path.get(i)).get(to)).append(") ");
                    }
                    return component + ", e.g. " + s.append(start);
                }
                if (component.contains(next) && !parent.containsKey(next) && !next.equals(start)) {
                    parent.put(next, p);
                    queue.addLast(next);
                }
            }
        }
        return String.join(", ", component);
    }

    private void connect(String p, Map<String, Integer> index, Map<String, Integer> low, Deque<String> stack,
                         Set<String> onStack, List<Set<String>> components, int[] counter) {
        index.put(p, counter[0]);
        low.put(p, counter[0]++);
        stack.push(p);
        onStack.add(p);
        for (String q : usesOf(p).keySet()) {
            if (!index.containsKey(q)) {
                connect(q, index, low, stack, onStack, components, counter);
                low.put(p, Math.min(low.get(p), low.get(q)));
            } else if (onStack.contains(q)) {
                low.put(p, Math.min(low.get(p), index.get(q)));
            }
        }
        if (low.get(p).equals(index.get(p))) {
            Set<String> component = new TreeSet<>();
            String q;
            do {
                q = stack.pop();
                onStack.remove(q);
                component.add(q);
            } while (!q.equals(p));
            if (component.size() > 1) {
                components.add(component);
            }
        }
    }

    /** The Utf8 entries of a class file's constant pool (JVMS 4.4). */
    static List<String> constantPoolStrings(InputStream stream) throws IOException {
        DataInputStream in = new DataInputStream(stream);
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException("not a class file");
        }
        in.readUnsignedShort();
        in.readUnsignedShort();
        int count = in.readUnsignedShort();
        List<String> strings = new ArrayList<>();
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> strings.add(in.readUTF());
                case 7, 8, 16, 19, 20 -> in.skipNBytes(2);
                case 15 -> in.skipNBytes(3);
                case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipNBytes(4);
                case 5, 6 -> {
                    in.skipNBytes(8);
                    i++;
                }
                default -> throw new IOException("unknown constant pool tag " + tag);
            }
        }
        return strings;
    }
}
