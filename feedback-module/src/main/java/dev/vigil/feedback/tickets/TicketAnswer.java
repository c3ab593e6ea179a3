package dev.vigil.feedback.tickets;

import java.time.Instant;

import dev.vigil.contracts.Verdict;

/**
 * What a ticket system said about an incident: its fingerprint (Jira label {@code vigil-<fingerprint>}, ServiceNow
 * {@code correlation_id}), the verdict its outcome maps to, who closed it, when, and which ticket.
 */
public record TicketAnswer(String fingerprint, Verdict verdict, String actor, Instant at, String reference,
        String comment) {
}
