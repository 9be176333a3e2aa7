package io.linkguard.remediation;

import io.linkguard.evidence.Identity;
import io.linkguard.plan.Finding;
import io.linkguard.plan.Plan;
import io.linkguard.remediation.report.RemediationReport;
import io.linkguard.remediation.tag.LinkGuardTag;
import io.linkguard.remediation.tag.TagCodec;
import io.linkguard.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** A fake hub, a fake ticket sink, a clock and settings: runs of the Remediator as a deployment would make them. */
final class Harness {
    static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    static final String HUB = "hub-a";

    final MutableClock clock = new MutableClock(T0);
    final FakeHub hub = new FakeHub();
    final FakeTickets tickets = new FakeTickets(clock);
    final Map<String, String> settings = new HashMap<>();
    long hubSize = 1000;
    private int runs;

    Harness() {
        settings.put("LINKGUARD_MODE", "enforce");
        settings.put("LINKGUARD_HUB_CONCURRENCY", "1");
    }

    Harness set(String name, String value) {
        settings.put(name, value);
        return this;
    }

    static Identity device(String id) {
        return new Identity(HUB, id, null);
    }

    Identity add(String id) {
        Identity identity = device(id);
        hub.add(identity);
        return identity;
    }

    void advance(Duration d) {
        clock.advance(d);
    }

    Instant now() {
        return clock.instant();
    }

    RemediationReport run(Finding... findings) {
        return run(Findings.plan(findings));
    }

    RemediationReport run(List<Finding> findings) {
        return run(Findings.plan(findings));
    }

    RemediationReport run(Plan plan) {
        Remediator remediator = new Remediator(RemediationSettings.fromSettings(settings), hub, tickets, clock);
        return remediator.run(plan, rosters(plan), "run-" + (++runs));
    }

    /** The roster the caller would list: hub size, and twins whose tag is active (the documented query). */
    List<HubRoster> rosters(Plan plan) {
        TreeSet<String> hubs = new TreeSet<>();
        hubs.add(HUB);
        plan.findings().forEach(f -> hubs.add(f.identity().hub()));
        List<HubRoster> rosters = new ArrayList<>();
        for (String h : hubs) {
            List<Identity> tagged = hub.identities(h).stream().filter(i -> {
                Object stage = hub.linkguardTag(i).get("stage");
                return stage != null && !"resolved".equals(stage);
            }).toList();
            rosters.add(new HubRoster(h, hubSize, tagged));
        }
        return rosters;
    }

    LinkGuardTag tag(Identity identity) {
        return TagCodec.parse(hub.linkguardTag(identity)).tagOrNull();
    }
}
