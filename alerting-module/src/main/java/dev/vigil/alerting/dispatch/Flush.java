package dev.vigil.alerting.dispatch;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import dev.vigil.contracts.Alert;

/**
 * One pass of a group through the stages: the time, the group, every firing alert the dispatcher knows (what
 * inhibition looks at), the decision the dedup stage took, the incident the send stage made of it and the notifications the record stage
 * addressed to the route's receivers.
 */
public final class Flush {

    /** What the dedup stage decided to tell. */
    public enum Decision {
        NONE, FIRING, REPEAT, RESOLVED
    }

    private final Instant now;
    private final AlertGroup group;
    private final Collection<Alert> firing;
    private final List<Notification> outbox = new ArrayList<>();
    Decision decision = Decision.NONE;
    Alert incident;

    Flush(Instant now, AlertGroup group, Collection<Alert> firing) {
        this.now = now;
        this.group = group;
        this.firing = firing;
    }

    public Instant now() {
        return now;
    }

    public AlertGroup group() {
        return group;
    }

    /** Every firing alert the dispatcher knows, whatever its group: candidates to inhibit others. */
    public Collection<Alert> firing() {
        return firing;
    }

    public Decision decision() {
        return decision;
    }

    public List<Notification> outbox() {
        return outbox;
    }
}
