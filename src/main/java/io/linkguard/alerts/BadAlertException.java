package io.linkguard.alerts;

/** An alert payload LinkGuard will not act on; the message says what is wrong (the webhook answers 400 with it). */
public class BadAlertException extends RuntimeException {
    public BadAlertException(String message) {
        super(message);
    }
}
