package dev.vigil.feedback.email;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who may answer by email: entries are full addresses ({@code ops@example.com}) or domains ({@code example.com} or
 * {@code @example.com}: any address at exactly that domain). Case does not matter. An empty list allows nobody.
 */
public final class SenderAllowList {

    private final Set<String> addresses;
    private final Set<String> domains;

    public SenderAllowList(List<String> entries) {
        List<String> clean = entries.stream().map(e -> e.strip().toLowerCase(Locale.ROOT)).filter(e -> !e.isEmpty())
                .toList();
        this.addresses = clean.stream().filter(e -> e.indexOf('@') > 0).collect(Collectors.toSet());
        this.domains = clean.stream().filter(e -> e.indexOf('@') <= 0).map(e -> e.startsWith("@") ? e.substring(1) : e)
                .collect(Collectors.toSet());
    }

    public static SenderAllowList parse(String commaSeparated) {
        return new SenderAllowList(commaSeparated == null ? List.of() : List.of(commaSeparated.split(",")));
    }

    /** Whether a bare address ({@code local@domain}, no display name) may answer. */
    public boolean allows(String address) {
        if (address == null) {
            return false;
        }
        String a = address.strip().toLowerCase(Locale.ROOT);
        int at = a.lastIndexOf('@');
        if (at <= 0 || at == a.length() - 1) {
            return false;
        }
        return addresses.contains(a) || domains.contains(a.substring(at + 1));
    }

    public boolean isEmpty() {
        return addresses.isEmpty() && domains.isEmpty();
    }
}
