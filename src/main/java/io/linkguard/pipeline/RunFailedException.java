package io.linkguard.pipeline;

/** A run stopped by an error; the failed run is already in the ledger. */
public class RunFailedException extends RuntimeException {
    private final RunRecord record;

    public RunFailedException(RunRecord record, Throwable cause) {
        super(record.line(), cause);
        this.record = record;
    }

    public RunRecord record() {
        return record;
    }
}
