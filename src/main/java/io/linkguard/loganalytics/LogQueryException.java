package io.linkguard.loganalytics;

/** A Log Analytics query that produced no usable answer, with the service's reason. */
public class LogQueryException extends RuntimeException {
    public LogQueryException(String message, Throwable cause) {
        super(message, cause);
    }

    public LogQueryException(String message) {
        super(message);
    }
}
