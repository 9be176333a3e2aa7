package io.linkguard.remediation.tag;

/** What was found in a twin's {@code tags.linkguard}. */
public sealed interface TagReading {

    /** The tag, when one could be used. */
    default LinkGuardTag tagOrNull() {
        return this instanceof Valid v ? v.tag() : null;
    }

    /** No LinkGuard tag on the twin. */
    record Absent() implements TagReading {
    }

    record Valid(LinkGuardTag tag) implements TagReading {
    }

    /** A tag that is not LinkGuard's format (edited by hand, truncated...): treated as absent and counted. */
    record Unreadable(String problem) implements TagReading {
    }

    /** A tag written by a newer LinkGuard: left alone, the identity is skipped. */
    record Unsupported(int version) implements TagReading {
    }
}
