package io.linkguard.findings;

/**
 * When an over-represented attribute is reported as a cohort. Grounding of the defaults:
 * <ul>
 * <li>{@code alpha} 0.01: the one-sided tail p-value, multiplied by the number of candidates tested
 *   (Bonferroni), must stay below it, so a fleet without any cohort reports one in at most 1 % of analyses
 *   whatever its size (the correction grows with the candidates, the test's power with the identities);</li>
 * <li>{@code minLift} 2: the class must hold the value at least twice as often as the hub's active identities;
 *   a weaker association is not a cause worth a fleet-level fix;</li>
 * <li>{@code minIdentities} 5: a value carried by three identities that all happen to be faulty has a tiny
 *   p-value by construction; five members is the smallest group that is a pattern rather than a coincidence
 *   an operator checks by hand. It does not grow with the fleet: size is already weighed by the test, this only
 *   guards the few-identity corner where the test says nothing useful;</li>
 * <li>{@code minClassShare} 0.1: the cohort must hold a tenth of the class's identities in its scope, so what is
 *   reported explains a real part of the problem (a share, so it scales with the fleet).</li>
 * </ul>
 */
public record CohortSettings(int minIdentities, double minClassShare, double minLift, double alpha) {

    public static final CohortSettings DEFAULTS = new CohortSettings(5, 0.1, 2.0, 0.01);
}
