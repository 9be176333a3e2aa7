package io.linkguard.findings;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * The parts of a Connections row's {@code sdkVersion}, which the device SDKs fill with their user agent:
 * {@code name/version (runtime; os; arch)}, e.g. {@code azure-iot-device/1.18.3(node v20.1.0; Ubuntu 22.04; x64)}
 * (Node), {@code iothubclient/1.14.0 (native; Linux; x86_64)} (C), {@code Microsoft.Azure.Devices.Client/1.42.3
 * (.NET 6.0.x; Microsoft Windows 10.0.19044; X64)}; some are percent-encoded. A part that is missing is null.
 */
public record SdkAgent(String name, String version, String runtime, String os) {

    public static SdkAgent parse(String sdkVersion) {
        if (sdkVersion == null || sdkVersion.isBlank()) {
            return new SdkAgent(null, null, null, null);
        }
        String s = sdkVersion.trim();
        if (s.indexOf('%') >= 0) {
            try {
                s = URLDecoder.decode(s, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException ignored) {
                // not percent-encoded after all: read as it is
            }
        }
        int open = s.indexOf('(');
        String product = (open >= 0 ? s.substring(0, open) : s).trim();
        int space = product.indexOf(' ');
        if (space >= 0) {
            product = product.substring(0, space);
        }
        int slash = product.indexOf('/');
        String name = slash >= 0 ? product.substring(0, slash) : product;
        String version = slash >= 0 ? product.substring(slash + 1) : null;
        String runtime = null;
        String os = null;
        if (open >= 0) {
            int close = s.indexOf(')', open);
            String[] parts = s.substring(open + 1, close > open ? close : s.length()).split(";");
            runtime = part(parts, 0);
            os = part(parts, 1);
        }
        return new SdkAgent(blankToNull(name), blankToNull(version), runtime, os);
    }

    private static String part(String[] parts, int i) {
        return i < parts.length ? blankToNull(parts[i].trim()) : null;
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
