package io.linkguard.simulator;

/**
 * The shape of a simulated fleet. Shares are of identities per hub; the rest are healthy. A platform
 * event hits {@code platformEventShare} of the first hub's identities once, mid-way through.
 */
public record FleetProfile(
        long seed,
        int identitiesPerHub,
        int hubs,
        int hours,
        double transientShare,
        double faultyShare,
        double sharedShare,
        double moduleShare,
        double platformEventShare,
        double malformedShare) {

    public static FleetProfile sample(long seed) {
        return new FleetProfile(seed, 60, 2, 6, 0.15, 0.08, 0.06, 0.15, 0.4, 0.01);
    }

    public FleetProfile withIdentitiesPerHub(int n) {
        return new FleetProfile(seed, n, hubs, hours, transientShare, faultyShare, sharedShare, moduleShare,
                platformEventShare, malformedShare);
    }

    public FleetProfile withHours(int h) {
        return new FleetProfile(seed, identitiesPerHub, hubs, h, transientShare, faultyShare, sharedShare, moduleShare,
                platformEventShare, malformedShare);
    }

    public FleetProfile withShares(double transientShare, double faultyShare, double sharedShare) {
        return new FleetProfile(seed, identitiesPerHub, hubs, hours, transientShare, faultyShare, sharedShare,
                moduleShare, platformEventShare, malformedShare);
    }
}
