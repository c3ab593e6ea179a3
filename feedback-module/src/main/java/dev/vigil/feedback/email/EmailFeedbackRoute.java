package dev.vigil.feedback.email;

import java.time.Instant;
import java.util.Optional;

import dev.vigil.contracts.Feedback;
import dev.vigil.feedback.FeedbackIntake;
import dev.vigil.feedback.FeedbackRejected;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mail.MailMessage;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Replies to alert mails, read over IMAP (camel-mail, {@code unseen=true&delete=false}: each mail is read once and
 * marked seen, never deleted). A reply counts when its sender is allowed ({@code vigil.feedback.email.allowed-senders}),
 * it names an alert ({@code In-Reply-To}/{@code References} {@code <alert-id@vigil>}, or the subject token
 * {@code [vigil:<alert-id>]}) and its first line holds verdict words ({@link ReplyText}); the rest of the operator's
 * own text is the comment. A reply that fails a check is logged with the reason and counted, and stores nothing.
 * Off unless {@code vigil.feedback.email.enabled=true}.
 */
@ApplicationScoped
public class EmailFeedbackRoute extends RouteBuilder {

    public static final String ROUTE_ID = "feedback-email";

    private final FeedbackIntake intake;
    private final boolean enabled;
    private final String protocol;
    private final Optional<String> host;
    private final int port;
    private final Optional<String> username;
    private final Optional<String> password;
    private final String folder;
    private final long pollIntervalMs;
    private final SenderAllowList senders;

    public EmailFeedbackRoute(FeedbackIntake intake,
            @ConfigProperty(name = "vigil.feedback.email.enabled", defaultValue = "false") boolean enabled,
            @ConfigProperty(name = "vigil.feedback.email.protocol", defaultValue = "imaps") String protocol,
            @ConfigProperty(name = "vigil.feedback.email.host") Optional<String> host,
            @ConfigProperty(name = "vigil.feedback.email.port", defaultValue = "993") int port,
            @ConfigProperty(name = "vigil.feedback.email.username") Optional<String> username,
            @ConfigProperty(name = "vigil.feedback.email.password") Optional<String> password,
            @ConfigProperty(name = "vigil.feedback.email.folder", defaultValue = "INBOX") String folder,
            @ConfigProperty(name = "vigil.feedback.email.poll-interval-ms", defaultValue = "30000") long pollIntervalMs,
            @ConfigProperty(name = "vigil.feedback.email.allowed-senders", defaultValue = " ") String allowedSenders) {
        this.intake = intake;
        this.enabled = enabled;
        this.protocol = protocol;
        this.host = host;
        this.port = port;
        this.username = username;
        this.password = password;
        this.folder = folder;
        this.pollIntervalMs = pollIntervalMs;
        this.senders = SenderAllowList.parse(allowedSenders);
    }

    @Override
    public void configure() {
        if (!enabled) {
            return;
        }
        if (!protocol.equals("imap") && !protocol.equals("imaps")) {
            throw new IllegalStateException("vigil.feedback.email.protocol must be imap or imaps, got '" + protocol + "'");
        }
        String missing = host.isEmpty() ? "host" : username.isEmpty() ? "username" : password.isEmpty() ? "password" : null;
        if (missing != null) {
            throw new IllegalStateException("vigil.feedback.email.enabled=true needs vigil.feedback.email." + missing);
        }
        if (senders.isEmpty()) {
            throw new IllegalStateException(
                    "vigil.feedback.email.enabled=true needs vigil.feedback.email.allowed-senders (addresses or domains)");
        }
        from(protocol + "://" + host.get() + ":" + port + "?username=RAW(" + username.get() + ")&password=RAW("
                + password.get() + ")&folderName=" + folder + "&unseen=true&delete=false&delay=" + pollIntervalMs)
                .routeId(ROUTE_ID)
                .process(this::onReply);
    }

    private void onReply(Exchange exchange) throws Exception {
        Message mail = exchange.getMessage(MailMessage.class).getOriginalMessage();
        try {
            intake.accept(read(mail), "email " + first(mail.getHeader("Message-ID")));
        } catch (FeedbackRejected rejected) {
            // counted and logged by the intake; the mail stays read, an answer to it is a new reply
        }
    }

    /** The answer in a reply, or the reason it is refused. */
    Feedback read(Message mail) throws Exception {
        Address[] from = mail.getFrom();
        String sender = from != null && from.length > 0 && from[0] instanceof InternetAddress address
                ? address.getAddress() : null;
        if (!senders.allows(sender)) {
            throw intake.rejected("email", FeedbackRejected.unauthenticated(
                    "sender " + sender + " is not in vigil.feedback.email.allowed-senders"));
        }
        String subject = mail.getSubject();
        String alertId = ReplyMatcher.alertId(joined(mail.getHeader("In-Reply-To")),
                joined(mail.getHeader("References")), subject).orElseThrow(() -> intake.rejected("email",
                        FeedbackRejected.badRequest("reply from " + sender + " '" + subject
                                + "' names no alert (In-Reply-To, References or [vigil:<id>] in the subject)")));
        ReplyText.Answer answer = ReplyText.parse(MailText.of(mail)).orElseThrow(() -> intake.rejected("email",
                FeedbackRejected.badRequest("reply from " + sender + " to alert " + alertId
                        + ": its first line holds no verdict; words: " + ReplyText.words())));
        Instant at = mail.getSentDate() == null ? Instant.now() : mail.getSentDate().toInstant();
        return new Feedback(alertId, answer.verdict(), "email", sender, at, answer.comment());
    }

    private static String joined(String[] values) {
        return values == null ? null : String.join(" ", values);
    }

    private static String first(String[] values) {
        return values == null || values.length == 0 ? "(no Message-ID)" : values[0];
    }
}
