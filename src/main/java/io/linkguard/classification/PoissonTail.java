package io.linkguard.classification;

/** The upper tail of a Poisson distribution, P(X ≥ x) for mean λ, summed exactly in log space. */
final class PoissonTail {
    private PoissonTail() {
    }

    static double atLeast(long x, double lambda) {
        if (x <= 0) {
            return 1.0;
        }
        if (lambda <= 0) {
            return 0.0;
        }
        if (x <= lambda) {
            return 1.0;
        }
        double logTerm = -lambda + x * Math.log(lambda) - logFactorial(x);
        double term = Math.exp(logTerm);
        double sum = 0;
        for (long k = x; term > 0 && term >= sum * 1e-17; k++) {
            sum += term;
            term *= lambda / (k + 1);
        }
        return Math.min(1.0, sum);
    }

    static double logFactorial(long n) {
        if (n < 20) {
            double f = 0;
            for (int i = 2; i <= n; i++) {
                f += Math.log(i);
            }
            return f;
        }
        double x = n + 1.0;
        return (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + 1 / (12 * x) - 1 / (360 * x * x * x);
    }
}
