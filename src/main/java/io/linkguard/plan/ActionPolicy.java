package io.linkguard.plan;

import io.linkguard.classification.Classification;
import java.util.ArrayList;
import java.util.List;

/**
 * What enforce mode would do per class. Back-off only for faulty-reconnect, a ticket only for
 * shared-identity (backing off cannot split two clients); transient is tagged for review (switchable
 * off) and platform-event is left alone unless tagging it is switched on. Nothing here may ever plan a
 * device-facing action for transient or platform-event.
 */
public record ActionPolicy(boolean tagTransient, boolean tagPlatformEvent) {

    public static final ActionPolicy DEFAULTS = new ActionPolicy(true, false);

    public List<Action> actionsFor(Classification classification) {
        List<Action> actions = new ArrayList<>(2);
        switch (classification) {
            case FAULTY_RECONNECT -> {
                actions.add(Action.TAG);
                actions.add(Action.BACKOFF);
            }
            case SHARED_IDENTITY -> {
                actions.add(Action.TAG);
                actions.add(Action.TICKET);
            }
            case TRANSIENT -> {
                if (tagTransient) {
                    actions.add(Action.TAG);
                }
            }
            case PLATFORM_EVENT -> {
                if (tagPlatformEvent) {
                    actions.add(Action.TAG);
                }
            }
        }
        return List.copyOf(actions);
    }
}
