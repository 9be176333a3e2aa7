package io.linkguard.pipeline;

/**
 * A targeted evaluation that could not act because every hub it would act on was kept by another run's writer
 * lease: nothing was done, the run's ledger row says so (still {@link RunStatus#QUEUED}, same run id), and the
 * request is to be run again later (the queue worker lets its message become visible again).
 */
public class RunDeferredException extends RuntimeException {
    private final RunRecord record;

    public RunDeferredException(RunRecord record, String why) {
        super(why);
        this.record = record;
    }

    public RunRecord record() {
        return record;
    }
}
