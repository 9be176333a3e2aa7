package io.linkguard.findings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class TailProbabilityTest {

    /** The exact tail from big-integer binomial coefficients. */
    private static double exactUpper(int k, int n, int marked, int population) {
        BigInteger sum = BigInteger.ZERO;
        for (int x = k; x <= Math.min(n, marked); x++) {
            sum = sum.add(choose(marked, x).multiply(choose(population - marked, n - x)));
        }
        return new java.math.BigDecimal(sum).divide(new java.math.BigDecimal(choose(population, n)), java.math.MathContext.DECIMAL64)
                .doubleValue();
    }

    private static BigInteger choose(int n, int k) {
        if (k < 0 || k > n) {
            return BigInteger.ZERO;
        }
        BigInteger r = BigInteger.ONE;
        for (int i = 0; i < k; i++) {
            r = r.multiply(BigInteger.valueOf(n - i)).divide(BigInteger.valueOf(i + 1));
        }
        return r;
    }

    @Test
    void hypergeometricTailMatchesTheExactSum() {
        int[][] cases = {{17, 23, 57, 1000}, {3, 30, 40, 1000}, {1, 5, 10, 50}, {12, 300, 800, 20_000}, {40, 300, 800, 20_000},
                {5, 5, 5, 2000}};
        for (int[] c : cases) {
            double expected = exactUpper(c[0], c[1], c[2], c[3]);
            double actual = Math.exp(TailProbability.logHypergeometricUpper(c[0], c[1], c[2], c[3]));
            assertEquals(expected, actual, expected * 1e-9 + 1e-300, java.util.Arrays.toString(c));
        }
        assertEquals(1.0, Math.exp(TailProbability.logHypergeometricUpper(0, 10, 5, 100)));
    }

    @Test
    void chernoffBoundIsAboveTheExactTail() {
        // a single hub: the bound must hold for the hypergeometric itself
        double exact = exactUpper(17, 23, 57, 1000);
        double bound = Math.exp(TailProbability.logChernoffUpper(17, 23 * 57 / 1000.0));
        assertTrue(bound >= exact && bound < 1e-10, bound + " vs " + exact);
        assertEquals(0.0, TailProbability.logChernoffUpper(2, 3.0));
    }

    @Test
    void logFactorialIsAccurateAboveTheTable() {
        double sum = 0;
        for (int i = 1; i <= 5000; i++) {
            sum += Math.log(i);
        }
        assertEquals(sum, TailProbability.logFactorial(5000), 1e-7);
    }
}
