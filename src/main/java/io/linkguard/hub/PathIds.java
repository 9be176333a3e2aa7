package io.linkguard.hub;

import java.nio.charset.StandardCharsets;

/**
 * Percent-encodes device and module ids for the request path. iot-service-client 2.1.9 builds its URLs
 * by string concatenation ({@code "https://" + host + "/twins/" + deviceId + "?api-version=..."}) without
 * encoding, so an id holding a character IoT Hub allows but a URL path does not ({@code # ? % +} or a
 * space) would address the wrong resource. Encoding everything but the RFC 3986 unreserved characters
 * is always safe: the hub decodes the path.
 */
final class PathIds {

    private PathIds() {
    }

    static String encode(String id) {
        StringBuilder out = new StringBuilder(id.length() + 8);
        for (byte b : id.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
