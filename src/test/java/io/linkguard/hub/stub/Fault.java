package io.linkguard.hub.stub;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

/**
 * A fault the stub hub injects into the next requests of some operations: an error status (5xx, 429 with
 * Retry-After, any status with an IoT Hub error code) or a delay. By default the fault answers
 * instead of the operation (nothing changes on the hub); {@link #afterApplying()} makes the operation
 * happen first and then answers with the fault, like a write that landed but whose answer was lost.
 *
 * <pre>{@code
 * stub.inject(Fault.status(503).on(StubOperation.TWIN_UPDATE).times(2));
 * stub.inject(Fault.throttled(7).on(StubOperation.METHOD));            // 429 429001, Retry-After: 7
 * stub.inject(Fault.delay(Duration.ofSeconds(3)).on(StubOperation.TWIN_READ));
 * stub.inject(Fault.status(500).afterApplying().on(StubOperation.TWIN_UPDATE));
 * }</pre>
 */
public final class Fault {
    final int status;
    final int errorCode;
    final Integer retryAfterSeconds;
    final Duration delay;
    final Set<StubOperation> operations;
    final int times;
    final boolean afterApplying;

    private Fault(int status, int errorCode, Integer retryAfterSeconds, Duration delay, Set<StubOperation> operations,
                  int times, boolean afterApplying) {
        this.status = status;
        this.errorCode = errorCode;
        this.retryAfterSeconds = retryAfterSeconds;
        this.delay = delay;
        this.operations = operations;
        this.times = times;
        this.afterApplying = afterApplying;
    }

    /** Answer {@code status} (error code {@code status * 1000 + 1}). */
    public static Fault status(int status) {
        return status(status, status * 1000 + 1);
    }

    /** Answer {@code status} with IoT Hub error code {@code errorCode} (e.g. 429, 429004). */
    public static Fault status(int status, int errorCode) {
        return new Fault(status, errorCode, null, Duration.ZERO, EnumSet.allOf(StubOperation.class), 1, false);
    }

    /** 429 429001 with {@code Retry-After: seconds}. */
    public static Fault throttled(int retryAfterSeconds) {
        return new Fault(429, 429001, retryAfterSeconds, Duration.ZERO, EnumSet.allOf(StubOperation.class), 1, false);
    }

    /** Hold the request for {@code delay} of real time, then handle it normally. */
    public static Fault delay(Duration delay) {
        return new Fault(0, 0, null, delay, EnumSet.allOf(StubOperation.class), 1, false);
    }

    /** Only for these operations (default: all). */
    public Fault on(StubOperation first, StubOperation... more) {
        return new Fault(status, errorCode, retryAfterSeconds, delay, EnumSet.of(first, more), times, afterApplying);
    }

    /** For the next {@code n} matching requests (default 1). */
    public Fault times(int n) {
        return new Fault(status, errorCode, retryAfterSeconds, delay, operations, n, afterApplying);
    }

    /** Add a Retry-After header to the error. */
    public Fault retryAfter(int seconds) {
        return new Fault(status, errorCode, seconds, delay, operations, times, afterApplying);
    }

    /** Perform the operation, then answer with the error. */
    public Fault afterApplying() {
        return new Fault(status, errorCode, retryAfterSeconds, delay, operations, times, true);
    }

    boolean answersWithError() {
        return status != 0;
    }
}
