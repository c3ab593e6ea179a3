package dev.vigil.scoring.users;

import dev.vigil.scoring.rules.Expression;

/**
 * A hard rule: when its condition holds, the window is anomalous at the rule's severity, whatever was learned.
 *
 * @param name a short name for alerts ({@code failed-login-burst})
 */
public record Rule(String name, Expression when, RuleSeverity severity) {
}
