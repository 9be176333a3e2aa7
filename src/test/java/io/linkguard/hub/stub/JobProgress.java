package io.linkguard.hub.stub;

/**
 * When the stub hub's jobs move on. A job is created {@code queued}; with {@link #onReads(int)} each GET of
 * it moves it one step ({@code queued -> running -> ... -> completed}) and it completes on the n-th read;
 * with {@link #manual()} it stays until the test calls {@code stub.completeJob(id)}. On completion the stub
 * applies the twin update to each device it names, or runs the method against each device's behaviour,
 * and counts successes and failures.
 */
public record JobProgress(int readsToComplete) {

    /** Completes on the {@code n}-th status read (n >= 1; before that it reports running). */
    public static JobProgress onReads(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be at least 1");
        }
        return new JobProgress(n);
    }

    /** Never completes by itself. */
    public static JobProgress manual() {
        return new JobProgress(0);
    }

    boolean isManual() {
        return readsToComplete == 0;
    }
}
