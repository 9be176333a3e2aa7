package io.linkguard.remediation.safety;

/**
 * What runs spent on one hub: identities backed off or newly ticketed (what the {@link FleetGuard} weighs), and
 * the capped budgets of {@link RunBudget}.
 */
public record Usage(int acting, int backoffs, int tickets, int tagWrites) {
    public static final Usage NONE = new Usage(0, 0, 0, 0);

    public Usage plus(Usage other) {
        return new Usage(acting + other.acting, backoffs + other.backoffs, tickets + other.tickets,
                tagWrites + other.tagWrites);
    }

    public boolean isEmpty() {
        return equals(NONE);
    }

    public int of(RunBudget.Kind kind) {
        return switch (kind) {
            case BACKOFFS -> backoffs;
            case TICKETS -> tickets;
            case TAG_WRITES -> tagWrites;
        };
    }
}
