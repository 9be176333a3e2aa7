package io.linkguard.findings;

/** Upper-tail probabilities of the cohort tests, in natural logarithms (real p-values underflow a double). */
final class TailProbability {
    private static final double[] LOG_FACTORIAL = new double[1025];

    static {
        for (int i = 1; i < LOG_FACTORIAL.length; i++) {
            LOG_FACTORIAL[i] = LOG_FACTORIAL[i - 1] + Math.log(i);
        }
    }

    private TailProbability() {
    }

    /**
     * ln P(X ≥ k) for X hypergeometric: {@code n} draws without replacement from {@code population} items of
     * which {@code successes} are marked. Exact: the terms from k upward are summed by their ratio.
     */
    static double logHypergeometricUpper(int k, int n, int successes, int population) {
        int max = Math.min(n, successes);
        if (k <= Math.max(0, n - (population - successes))) {
            return 0;
        }
        if (k > max) {
            return Double.NEGATIVE_INFINITY;
        }
        double logTerm = logChoose(successes, k) + logChoose(population - successes, n - k) - logChoose(population, n);
        double sum = 1; // the terms relative to the first
        double rel = 1;
        for (int x = k; x < max; x++) {
            rel *= (double) (successes - x) * (n - x) / ((double) (x + 1) * (population - successes - n + x + 1));
            sum += rel;
            if (rel < 1e-18 * sum) {
                break;
            }
        }
        return Math.min(0, logTerm + Math.log(sum));
    }

    /**
     * An upper bound on ln P(X ≥ k) for a sum of independent hypergeometric counts with mean {@code mean}: each is
     * dominated in convex order by the binomial of the same mean (Hoeffding 1963, Thm. 4), so the Chernoff bound
     * of a Poisson-binomial applies: P(X ≥ k) ≤ e^-μ (eμ/k)^k for k > μ.
     */
    static double logChernoffUpper(int k, double mean) {
        if (k <= mean || mean <= 0) {
            return k <= mean ? 0 : Double.NEGATIVE_INFINITY;
        }
        return Math.min(0, -mean + k * (1 + Math.log(mean / k)));
    }

    static double logChoose(int n, int k) {
        return logFactorial(n) - logFactorial(k) - logFactorial(n - k);
    }

    static double logFactorial(int n) {
        if (n < LOG_FACTORIAL.length) {
            return LOG_FACTORIAL[n];
        }
        double x = n;
        return x * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI * x) + 1 / (12 * x) - 1 / (360 * x * x * x);
    }
}
