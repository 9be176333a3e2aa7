package io.linkguard.events;

import java.util.List;
import java.util.Map;

/** The usable events of one delivery, and how many entries were skipped by reason (kebab-case labels). */
public record ParsedEvents(List<DeviceConnectionEvent> events, Map<String, Long> skipped) {
}
