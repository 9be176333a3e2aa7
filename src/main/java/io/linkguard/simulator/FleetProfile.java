package io.linkguard.simulator;

/**
 * The shape of a simulated fleet. Shares are of identities per hub; the rest are healthy. One or two
 * platform events each hit up to {@code platformEventShare} of the first hub's identities. Every identity,
 * whatever its class, also lives with the {@link Background} of a real hub: drops at a per-device rate,
 * SAS renewals, carrier networks. An {@link SdkCohort} plants a buggy SDK version on every hub.
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
        double malformedShare,
        Background background,
        SdkCohort cohort) {

    /**
     * A buggy SDK version across many devices: {@code activeShare} of every hub's identities run {@code sdkVersion}
     * (drawn before their class), and each of them re-opens its client while connected, a faulty-reconnect
     * identity, with probability {@code faultyShare}. The faulty ones are the cohort's ground truth.
     */
    public record SdkCohort(String sdkVersion, double activeShare, double faultyShare) {
        public static final SdkCohort NONE = new SdkCohort(null, 0, 0);
        /** 4 % of identities run it and 60 % of those misbehave: about a third of a 5 % faulty class. */
        public static final String BUGGY_SDK = "azure-iot-device-client/2.5.1";

        public static SdkCohort buggySdk(double activeShare) {
            return new SdkCohort(BUGGY_SDK, activeShare, 0.6);
        }

        public boolean planted() {
            return sdkVersion != null && activeShare > 0;
        }
    }

    public FleetProfile(long seed, int identitiesPerHub, int hubs, int hours, double transientShare, double faultyShare,
                        double sharedShare, double moduleShare, double platformEventShare, double malformedShare,
                        Background background) {
        this(seed, identitiesPerHub, hubs, hours, transientShare, faultyShare, sharedShare, moduleShare,
                platformEventShare, malformedShare, background, SdkCohort.NONE);
    }

    /**
     * Per-device rates every identity lives with (docs/simulator.md says where they come from):
     * {@code lossPerHour} 404104 drops that are not SAS renewals, {@code serverErrorsPerHour} 5xx closes,
     * {@code conflictAfterDrop} the chance that the reconnect after such a drop finds the old link still open
     * (a 409002/400027), {@code carrierShare} identities on carrier networks that get a new egress address
     * when they re-attach after a drop.
     */
    public record Background(double lossPerHour, double serverErrorsPerHour, double conflictAfterDrop,
                             double carrierShare) {
        public static final Background DEFAULT = new Background(0.01, 0.003, 0.3, 0.25);
        public static final Background NONE = new Background(0, 0, 0, 0);

        public Background scaled(double factor) {
            return new Background(lossPerHour * factor, serverErrorsPerHour * factor, conflictAfterDrop, carrierShare);
        }
    }

    public FleetProfile(long seed, int identitiesPerHub, int hubs, int hours, double transientShare, double faultyShare,
                        double sharedShare, double moduleShare, double platformEventShare, double malformedShare) {
        this(seed, identitiesPerHub, hubs, hours, transientShare, faultyShare, sharedShare, moduleShare,
                platformEventShare, malformedShare, Background.DEFAULT);
    }

    public FleetProfile {
        if (hours < 1) {
            throw new IllegalArgumentException("hours must be at least 1, was " + hours);
        }
        if (identitiesPerHub < 1 || hubs < 1) {
            throw new IllegalArgumentException("a fleet needs at least one hub and one identity per hub");
        }
        if (cohort == null) {
            cohort = SdkCohort.NONE;
        }
        if (cohort.activeShare() < 0 || cohort.activeShare() > 1 || cohort.faultyShare() < 0 || cohort.faultyShare() > 1) {
            throw new IllegalArgumentException("cohort shares must be between 0 and 1, were " + cohort.activeShare()
                    + " and " + cohort.faultyShare());
        }
    }

    public static FleetProfile sample(long seed) {
        return new FleetProfile(seed, 60, 2, 6, 0.15, 0.08, 0.06, 0.15, 0.4, 0.01);
    }

    public FleetProfile withIdentitiesPerHub(int n) {
        return new FleetProfile(seed, n, hubs, hours, transientShare, faultyShare, sharedShare, moduleShare,
                platformEventShare, malformedShare, background, cohort);
    }

    public FleetProfile withHubs(int n) {
        return new FleetProfile(seed, identitiesPerHub, n, hours, transientShare, faultyShare, sharedShare, moduleShare,
                platformEventShare, malformedShare, background, cohort);
    }

    public FleetProfile withHours(int h) {
        return new FleetProfile(seed, identitiesPerHub, hubs, h, transientShare, faultyShare, sharedShare, moduleShare,
                platformEventShare, malformedShare, background, cohort);
    }

    public FleetProfile withShares(double transientShare, double faultyShare, double sharedShare) {
        return new FleetProfile(seed, identitiesPerHub, hubs, hours, transientShare, faultyShare, sharedShare,
                moduleShare, platformEventShare, malformedShare, background, cohort);
    }

    public FleetProfile withPlatformEventShare(double share) {
        return new FleetProfile(seed, identitiesPerHub, hubs, hours, transientShare, faultyShare, sharedShare,
                moduleShare, share, malformedShare, background, cohort);
    }

    public FleetProfile withBackground(Background b) {
        return new FleetProfile(seed, identitiesPerHub, hubs, hours, transientShare, faultyShare, sharedShare,
                moduleShare, platformEventShare, malformedShare, b, cohort);
    }

    public FleetProfile withCohort(SdkCohort c) {
        return new FleetProfile(seed, identitiesPerHub, hubs, hours, transientShare, faultyShare, sharedShare,
                moduleShare, platformEventShare, malformedShare, background, c);
    }
}
