package io.linkguard.hub;

import com.microsoft.azure.sdk.iot.service.exceptions.IotHubBadFormatException;
import com.microsoft.azure.sdk.iot.service.exceptions.IotHubBadGatewayException;
import com.microsoft.azure.sdk.iot.service.exceptions.IotHubConflictException;
import com.microsoft.azure.sdk.iot.service.exceptions.IotHubException;
import com.microsoft.azure.sdk.iot.service.exceptions.IotHubGatewayTimeoutException;
import com.microsoft.azure.sdk.iot.service.exceptions.IotHubInternalServerErrorException;
import com.microsoft.azure.sdk.iot.service.exceptions.IotHubNotFoundException;
import com.microsoft.azure.sdk.iot.service.exceptions.IotHubPreconditionFailedException;
import com.microsoft.azure.sdk.iot.service.exceptions.IotHubServerBusyException;
import com.microsoft.azure.sdk.iot.service.exceptions.IotHubTooManyDevicesException;
import com.microsoft.azure.sdk.iot.service.exceptions.IotHubTooManyRequestsException;
import com.microsoft.azure.sdk.iot.service.exceptions.IotHubUnauthorizedException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * One failed attempt at a hub call, classified from what iot-service-client throws (it maps the HTTP
 * status to an exception type and keeps the service's numeric error code, e.g. 429004, but no headers:
 * the Retry-After comes from {@link RetryAfterTap}).
 */
record HubFailure(Kind kind, int errorCode, String message, Duration retryAfter) {

    /** The service's error code for "too many active jobs" (one on Free and S1). */
    static final int TOO_MANY_ACTIVE_JOBS = 429004;
    private static final int MAX_MESSAGE = 300;

    enum Kind {
        NOT_FOUND, PRECONDITION_FAILED, CONFLICT, THROTTLED, TOO_MANY_JOBS, GATEWAY_TIMEOUT, SERVER_ERROR,
        BAD_REQUEST, UNAUTHORIZED, FORBIDDEN, IO_TIMEOUT, IO, OTHER
    }

    static HubFailure of(Exception e, Duration retryAfter) {
        Duration ra = retryAfter == null ? Duration.ZERO : retryAfter;
        String message = shorten(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        if (e instanceof IotHubException hub) {
            int code = hub.getErrorCode();
            return new HubFailure(kindOf(hub, code, message), code, message, ra);
        }
        if (e instanceof SocketTimeoutException || e instanceof InterruptedIOException) {
            return new HubFailure(Kind.IO_TIMEOUT, 0, message, ra);
        }
        if (e instanceof IOException) {
            return new HubFailure(Kind.IO, 0, message, ra);
        }
        return new HubFailure(Kind.OTHER, 0, e.getClass().getSimpleName() + ": " + message, ra);
    }

    private static Kind kindOf(IotHubException e, int code, String message) {
        if (e instanceof IotHubTooManyRequestsException) {
            boolean tooManyJobs = code == TOO_MANY_ACTIVE_JOBS || message.contains(String.valueOf(TOO_MANY_ACTIVE_JOBS))
                    || message.contains("MaxActiveJobCountExceeded");
            return tooManyJobs ? Kind.TOO_MANY_JOBS : Kind.THROTTLED;
        }
        if (e instanceof IotHubNotFoundException) {
            return Kind.NOT_FOUND;
        }
        if (e instanceof IotHubPreconditionFailedException) {
            return Kind.PRECONDITION_FAILED;
        }
        if (e instanceof IotHubConflictException) {
            return Kind.CONFLICT;
        }
        if (e instanceof IotHubGatewayTimeoutException) {
            return Kind.GATEWAY_TIMEOUT;
        }
        if (e instanceof IotHubInternalServerErrorException || e instanceof IotHubServerBusyException
                || e instanceof IotHubBadGatewayException) {
            return Kind.SERVER_ERROR;
        }
        if (e instanceof IotHubBadFormatException) {
            return Kind.BAD_REQUEST;
        }
        if (e instanceof IotHubUnauthorizedException) {
            return Kind.UNAUTHORIZED;
        }
        if (e instanceof IotHubTooManyDevicesException) {
            // The SDK maps every 403 to this type; for LinkGuard's calls it means a missing role assignment.
            return Kind.FORBIDDEN;
        }
        return code >= 500_000 && code < 600_000 ? Kind.SERVER_ERROR : Kind.OTHER;
    }

    boolean throttled() {
        return kind == Kind.THROTTLED;
    }

    /** Transient: the hub or the network may well do it on a second try. */
    boolean transientFault() {
        return kind == Kind.SERVER_ERROR || kind == Kind.IO || kind == Kind.IO_TIMEOUT;
    }

    /** For reports: the kind, the service's error code when there was one, and its message. */
    String describe() {
        String code = errorCode > 0 ? " " + errorCode : "";
        String hint = switch (kind) {
            case UNAUTHORIZED, FORBIDDEN -> " (does the identity hold the LinkGuard hub role? see docs/hub-adapter.md)";
            default -> "";
        };
        return kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + code + ": " + message + hint;
    }

    private static String shorten(String s) {
        String oneLine = s.replace('\n', ' ').replace('\r', ' ');
        return oneLine.length() <= MAX_MESSAGE ? oneLine : oneLine.substring(0, MAX_MESSAGE) + "...";
    }
}
