package io.linkguard.remediation.tag;

import java.time.Instant;
import java.util.Optional;

/**
 * The back-off instruction of the current episode, as remembered in {@code tags.linkguard.backoff}. Written
 * as {@code pending} (with its commandId) before anything is sent, so a run that dies half way leaves an
 * instruction a later run re-sends with the same commandId, never a second one.
 *
 * @param sent       when it was delivered (method answered, desired property written, or job scheduled)
 * @param until      the instruction's holdUntil
 * @param rateAtSend the identity's conflicts per hour when the back-off was decided: the verification baseline
 * @param attempts   delivery attempts that failed (429, 5xx, timeouts of the hub itself)
 * @param verdict    the latest verification, null before the first
 * @param rateAfter  the conflicts per hour since {@code sent} at the latest verification
 */
public record BackoffState(String commandId, State state, Via via, Instant sent, Instant until, boolean acknowledged,
                           double rateAtSend, int attempts, String jobId, Verdict verdict, Double rateAfter,
                           Instant verifiedAt, String lastError) {

    public enum State {
        /** Decided and recorded, not yet delivered. */
        PENDING("pending"),
        /** Handed to an IoT Hub job; the job's completion is checked by later runs. */
        SCHEDULED("scheduled"),
        /** Delivered by method (see acknowledged), desired property or a completed job. */
        SENT("sent"),
        /** The device answered the method with something other than acceptance. */
        REJECTED("rejected");

        private final String label;

        State(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        public static Optional<State> ofLabel(String label) {
            for (State s : values()) {
                if (s.label.equals(label)) {
                    return Optional.of(s);
                }
            }
            return Optional.empty();
        }
    }

    public enum Via {
        METHOD("method"), DESIRED("desired"), JOB("job");

        private final String label;

        Via(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        public static Optional<Via> ofLabel(String label) {
            for (Via v : values()) {
                if (v.label.equals(label)) {
                    return Optional.of(v);
                }
            }
            return Optional.empty();
        }
    }

    public enum Verdict {
        IMPROVED("improved"), NOT_IMPROVED("not-improved");

        private final String label;

        Verdict(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        public static Optional<Verdict> ofLabel(String label) {
            for (Verdict v : values()) {
                if (v.label.equals(label)) {
                    return Optional.of(v);
                }
            }
            return Optional.empty();
        }
    }

    /** A fresh instruction, decided now and not yet sent. */
    public static BackoffState pending(String commandId, Instant until, double rateAtSend) {
        return new BackoffState(commandId, State.PENDING, null, null, until, false, rateAtSend, 0, null, null, null,
                null, null);
    }

    public boolean delivered() {
        return state == State.SENT || state == State.REJECTED;
    }

    public BackoffState withDelivery(State newState, Via newVia, Instant at, boolean ack, String newJobId) {
        return new BackoffState(commandId, newState, newVia, at, until, ack, rateAtSend, attempts, newJobId, verdict,
                rateAfter, verifiedAt, null);
    }

    public BackoffState withFailedAttempt(Via triedVia, String error) {
        return new BackoffState(commandId, state, triedVia, sent, until, acknowledged, rateAtSend, attempts + 1, jobId,
                verdict, rateAfter, verifiedAt, error);
    }

    public BackoffState withVerification(Verdict newVerdict, double newRateAfter, Instant at) {
        return new BackoffState(commandId, state, via, sent, until, acknowledged, rateAtSend, attempts, jobId,
                newVerdict, newRateAfter, at, lastError);
    }

    public BackoffState withCommand(String newCommandId, Via newVia) {
        return new BackoffState(newCommandId, state, newVia, sent, until, acknowledged, rateAtSend, attempts, jobId,
                verdict, rateAfter, verifiedAt, lastError);
    }
}
