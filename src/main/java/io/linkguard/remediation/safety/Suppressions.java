package io.linkguard.remediation.safety;

import io.linkguard.evidence.Identity;
import io.linkguard.remediation.tag.TagCodec;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Identities LinkGuard must leave alone, checked before any action: id patterns from a setting (globs with
 * {@code *} and {@code ?}, matched against {@code device}, {@code device/module}, {@code hub/device} and
 * {@code hub/device/module}), and the operator's tag {@code tags.linkguardSuppress = {"until": ISO-8601,
 * "reason": ...}}. A suppression tag without a readable {@code until} is honoured without end: the operator
 * clearly meant to suppress, and acting against that intent is the worse mistake.
 */
public final class Suppressions {
    private final List<String> globs;
    private final List<Pattern> patterns;

    public Suppressions(List<String> globs) {
        this.globs = List.copyOf(globs);
        this.patterns = globs.stream().map(Suppressions::compile).toList();
    }

    public static Suppressions none() {
        return new Suppressions(List.of());
    }

    /** The pattern that suppresses the identity, if any. */
    public Optional<String> byPattern(Identity identity) {
        List<String> names = new ArrayList<>(4);
        String local = identity.deviceId() + (identity.isModule() ? "/" + identity.moduleId() : "");
        names.add(local);
        names.add(identity.hub() + "/" + local);
        for (int i = 0; i < patterns.size(); i++) {
            for (String name : names) {
                if (patterns.get(i).matcher(name).matches()) {
                    return Optional.of("suppressed by pattern '" + globs.get(i) + "'");
                }
            }
        }
        return Optional.empty();
    }

    /** What the operator's suppression tag says now. */
    public static TagSuppression byTag(Map<String, Object> tag, Instant now) {
        if (tag == null || tag.isEmpty()) {
            return new TagSuppression(false, null);
        }
        Object reason = tag.get("reason");
        String because = reason instanceof String s && !s.isBlank() ? " (" + s + ")" : "";
        Object until = tag.get("until");
        if (!(until instanceof String text)) {
            return new TagSuppression(true, "suppressed by tags.linkguardSuppress without a readable until" + because);
        }
        Instant end;
        try {
            end = OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return new TagSuppression(true, "suppressed by tags.linkguardSuppress with an unreadable until '" + text + "'"
                    + because);
        }
        if (now.isBefore(end)) {
            return new TagSuppression(true, "suppressed by tags.linkguardSuppress until " + TagCodec.format(end) + because);
        }
        return new TagSuppression(false, "tags.linkguardSuppress expired " + TagCodec.format(end));
    }

    /** @param note why it is suppressed, or that an expired suppression was ignored; null when there is none */
    public record TagSuppression(boolean suppressed, String note) {
    }

    static Pattern compile(String glob) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*') {
                regex.append(".*");
            } else if (c == '?') {
                regex.append('.');
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}
