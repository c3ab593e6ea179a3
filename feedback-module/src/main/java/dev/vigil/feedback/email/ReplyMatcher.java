package dev.vigil.feedback.email;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the alert a reply answers, as the email receiver threads its mails: the firing mail's Message-ID is
 * {@code <alert-id@vigil>} and the resolve's {@code <alert-id.resolved@vigil>}, so a reply names one of them in
 * {@code In-Reply-To} or {@code References}; failing that, the subject's token {@code [vigil:<alert-id>]} (kept by
 * mail clients in "Re: ..." subjects).
 */
public final class ReplyMatcher {

    private static final Pattern MESSAGE_ID = Pattern.compile("<([A-Za-z0-9._-]+?)(?:\\.resolved)?@vigil>");
    private static final Pattern TOKEN = Pattern.compile("\\[vigil:([A-Za-z0-9._:-]+)]");

    private ReplyMatcher() {
    }

    public static Optional<String> alertId(String inReplyTo, String references, String subject) {
        List<String> ids = new ArrayList<>();
        // In-Reply-To is the message answered; References lists the thread oldest first: the nearest is the last
        ids.addAll(messageIds(inReplyTo));
        List<String> referenced = messageIds(references);
        for (int i = referenced.size() - 1; i >= 0; i--) {
            ids.add(referenced.get(i));
        }
        if (!ids.isEmpty()) {
            return Optional.of(ids.get(0));
        }
        if (subject != null) {
            Matcher token = TOKEN.matcher(subject);
            if (token.find()) {
                return Optional.of(token.group(1));
            }
        }
        return Optional.empty();
    }

    private static List<String> messageIds(String header) {
        List<String> ids = new ArrayList<>();
        if (header != null) {
            Matcher m = MESSAGE_ID.matcher(header);
            while (m.find()) {
                ids.add(m.group(1));
            }
        }
        return ids;
    }
}
