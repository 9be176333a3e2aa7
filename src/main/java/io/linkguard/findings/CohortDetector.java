package io.linkguard.findings;

import io.linkguard.classification.Classification;
import io.linkguard.evidence.HubPopulation;
import io.linkguard.evidence.Identity;
import io.linkguard.evidence.IdentityAttribute;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Finds cohorts. Per hub, class and dimension value carried by k of the class's n identities, against K of the
 * hub's N active identities: under "the class does not depend on the value" k is hypergeometric (n drawn from N
 * without replacement), and its exact upper tail is the p-value. Across hubs the expected count is summed per hub
 * (so a hub with more of both never fakes a cohort) and the p-value is a Chernoff bound on that sum. Every
 * (scope, class, dimension, value) carried by at least one class member is a candidate; a cohort is reported when
 * p × candidates ≤ alpha (Bonferroni), the lift, size and class share reach {@link CohortSettings}, and a
 * narrower reported cohort does not explain it (an SDK name whose excess is all one of its versions).
 */
final class CohortDetector {
    static final List<Classification> CLASSES = List.of(Classification.FAULTY_RECONNECT,
            Classification.SHARED_IDENTITY, Classification.TRANSIENT);

    private final CohortSettings settings;

    CohortDetector(CohortSettings settings) {
        this.settings = settings;
    }

    record Result(List<Cohort> cohorts, int candidates) {
    }

    private record Candidate(String hub, Classification cls, CohortDimension dim, String value, int k, int n,
                             int valueIdentities, int active, double expected, double logP, List<Identity> members) {
    }

    Result detect(List<ClassifiedIdentity> identities, List<HubPopulation> populations,
                  Function<List<Identity>, PrecursorBreakdown> precursorsOf) {
        Map<String, HubPopulation> byHub = new TreeMap<>();
        populations.forEach(p -> byHub.put(p.hub(), p));
        List<Candidate> candidates = new ArrayList<>();
        Map<String, List<Candidate>> byKeyAcrossHubs = new TreeMap<>();
        Map<String, List<Stratum>> strata = new HashMap<>();
        // per dimension, each raw value's derived value: members share few distinct raw values (SDK user agents)
        Map<CohortDimension, Map<String, Optional<String>>> derived = new EnumMap<>(CohortDimension.class);
        for (HubPopulation population : byHub.values()) {
            // one baseline per dimension, shared by the classes' strata: an address block's has a value per identity
            Map<CohortDimension, Map<String, Integer>> baselines = new EnumMap<>(CohortDimension.class);
            for (Classification cls : CLASSES) {
                List<ClassifiedIdentity> members = identities.stream()
                        .filter(i -> i.identity().hub().equals(population.hub()) && i.classification() == cls).toList();
                if (members.isEmpty()) {
                    continue;
                }
                List<Map<IdentityAttribute, String>> attributes = new ArrayList<>(members.size());
                for (ClassifiedIdentity m : members) {
                    attributes.add(IdentityAttribute.latestOf(m.identity(), m.timeline()));
                }
                for (CohortDimension dim : CohortDimension.values()) {
                    Stratum stratum = stratum(baselines.computeIfAbsent(dim, d -> baseline(population, d)), dim, members,
                            attributes, derived.computeIfAbsent(dim, d -> new HashMap<>()));
                    strata.computeIfAbsent(cls + "\u0000" + dim, x -> new ArrayList<>()).add(stratum);
                    for (Candidate c : stratum.candidates(population.hub(), cls, dim)) {
                        candidates.add(c);
                        byKeyAcrossHubs.computeIfAbsent(cls + "\u0000" + dim + "\u0000" + c.value(), x -> new ArrayList<>()).add(c);
                    }
                }
            }
        }
        for (List<Candidate> perHub : byKeyAcrossHubs.values()) {
            if (perHub.size() >= 2) {
                Candidate first = perHub.get(0);
                candidates.add(acrossHubs(perHub, strata.get(first.cls() + "\u0000" + first.dim())));
            }
        }
        int tested = candidates.size();
        List<Cohort> reported = new ArrayList<>();
        for (Candidate c : candidates) {
            double lift = c.expected() == 0 ? 0 : c.k() / c.expected();
            double p = Math.exp(c.logP());
            double adjusted = Math.min(1, Math.exp(c.logP() + Math.log(tested)));
            if (c.k() >= settings.minIdentities() && (double) c.k() / c.n() >= settings.minClassShare()
                    && lift >= settings.minLift() && c.logP() + Math.log(tested) <= Math.log(settings.alpha())) {
                reported.add(new Cohort(c.hub(), c.cls(), c.dim(), c.value(), c.k(), c.n(), c.valueIdentities(),
                        c.active(), round(lift), p, adjusted, c.members(), precursorsOf.apply(c.members())));
            }
        }
        return new Result(withoutExplained(reported), tested);
    }

    /** One hub's class members and active identities along one dimension. */
    private record Stratum(int n, int active, Map<String, Integer> baseline, Map<String, List<Identity>> carriers) {

        int valueIdentities(String value) {
            return Math.max(carriers.getOrDefault(value, List.of()).size(), baseline.getOrDefault(value, 0));
        }

        int population() {
            return Math.max(active, n);
        }

        List<Candidate> candidates(String hub, Classification cls, CohortDimension dim) {
            List<Candidate> result = new ArrayList<>();
            carriers.forEach((value, ids) -> {
                int k = ids.size();
                int valueIdentities = valueIdentities(value);
                int population = Math.max(population(), valueIdentities);
                result.add(new Candidate(hub, cls, dim, value, k, n, valueIdentities, population,
                        (double) n * valueIdentities / population,
                        TailProbability.logHypergeometricUpper(k, n, valueIdentities, population), ids));
            });
            return result;
        }
    }

    /** The hub's active identities by this dimension's value. */
    private static Map<String, Integer> baseline(HubPopulation population, CohortDimension dim) {
        Map<String, Integer> baseline = new HashMap<>();
        population.identitiesByValue().getOrDefault(dim.source(), Map.of()).forEach((raw, count) -> {
            String v = dim.derive(raw);
            if (v != null) {
                baseline.merge(v, count, Integer::sum);
            }
        });
        return baseline;
    }

    /** {@code attributes}: each member's latest values, in the members' order. */
    private static Stratum stratum(Map<String, Integer> baseline, CohortDimension dim, List<ClassifiedIdentity> members,
                                   List<Map<IdentityAttribute, String>> attributes, Map<String, Optional<String>> derived) {
        int active = baseline.values().stream().mapToInt(Integer::intValue).sum();
        Map<String, List<Identity>> carriers = new TreeMap<>();
        int n = 0;
        for (int i = 0; i < members.size(); i++) {
            String raw = attributes.get(i).get(dim.source());
            String v = raw == null ? null : derived.computeIfAbsent(raw, r -> Optional.ofNullable(dim.derive(r))).orElse(null);
            if (v != null) {
                n++;
                carriers.computeIfAbsent(v, x -> new ArrayList<>()).add(members.get(i).identity());
            }
        }
        return new Stratum(n, active, baseline, carriers);
    }

    /** The value over every hub with class members: expected counts summed per hub, hubs without carriers included. */
    private static Candidate acrossHubs(List<Candidate> perHub, List<Stratum> strata) {
        Candidate first = perHub.get(0);
        int k = 0;
        List<Identity> members = new ArrayList<>();
        for (Candidate c : perHub) {
            k += c.k();
            members.addAll(c.members());
        }
        int n = 0;
        int active = 0;
        int valueIdentities = 0;
        double expected = 0;
        for (Stratum s : strata) {
            int kv = s.valueIdentities(first.value());
            int population = Math.max(s.population(), kv);
            n += s.n();
            active += population;
            valueIdentities += kv;
            expected += population == 0 ? 0 : (double) s.n() * kv / population;
        }
        return new Candidate(null, first.cls(), first.dim(), first.value(), k, n, valueIdentities, active, expected,
                TailProbability.logChernoffUpper(k, expected), List.copyOf(members));
    }

    /**
     * Drops a reported cohort explained by a narrower one of the same class: of the same scope (an SDK name whose
     * over-representation is all one of its versions), or one hub's share of an across-hubs cohort; explained when
     * its members include the narrower cohort's and what is left once those are taken out is below the minimum
     * size or the minimum lift.
     */
    private List<Cohort> withoutExplained(List<Cohort> reported) {
        List<Cohort> result = new ArrayList<>();
        for (Cohort wide : reported) {
            boolean explained = false;
            for (Cohort narrow : reported) {
                boolean narrower = narrow.scope().equals(wide.scope()) && narrow.valueIdentities() < wide.valueIdentities();
                boolean oneHubOfIt = wide.hub() == null && narrow.hub() != null && narrow.dimension() == wide.dimension()
                        && narrow.value().equals(wide.value());
                if (narrow == wide || narrow.classification() != wide.classification() || !(narrower || oneHubOfIt)
                        || !new java.util.HashSet<>(wide.memberIds()).containsAll(narrow.memberIds())) {
                    continue;
                }
                int rest = wide.members() - narrow.members();
                double restExpected = expected(wide) - expected(narrow);
                if (rest < settings.minIdentities() || restExpected > 0 && rest / restExpected < settings.minLift()) {
                    explained = true;
                    break;
                }
            }
            if (!explained) {
                result.add(wide);
            }
        }
        result.sort(Comparator.comparing((Cohort c) -> c.hub() == null ? "" : c.hub())
                .thenComparing(Cohort::classification).thenComparing(Cohort::adjustedP).thenComparing(Cohort::id));
        return result;
    }

    private static double expected(Cohort c) {
        return c.lift() == 0 ? 0 : c.members() / c.lift();
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
