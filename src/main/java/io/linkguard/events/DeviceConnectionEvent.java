package io.linkguard.events;

import io.linkguard.evidence.Identity;
import java.time.Instant;

/** One DeviceConnected / DeviceDisconnected snapshot, whichever schema it came in. */
public record DeviceConnectionEvent(String eventId, Identity identity, ConnectionState state, SequenceNumber sequence,
                                    Instant eventTime) {
}
