package io.linkguard.logs;

import java.io.IOException;

/** The input is structurally broken (e.g. corrupt or truncated gzip); reading stops but keeps earlier rows. */
final class CorruptInputException extends IOException {
    private static final long serialVersionUID = 1L;

    CorruptInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
