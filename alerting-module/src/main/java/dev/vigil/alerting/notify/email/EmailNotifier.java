package dev.vigil.alerting.notify.email;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

import dev.vigil.alerting.notify.Delivery;
import dev.vigil.alerting.notify.NotificationException;
import dev.vigil.alerting.notify.Notifier;
import dev.vigil.alerting.notify.http.HttpCalls;
import dev.vigil.alerting.notify.template.NotificationTemplate;
import dev.vigil.alerting.notify.template.NotificationTemplates;
import dev.vigil.contracts.Alert;
import dev.vigil.contracts.AlertStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.eclipse.angus.mail.util.MailConnectException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Mails alerts over SMTP with Jakarta Mail (Angus): one {@code multipart/alternative} message per notification with
 * a plain-text part and an HTML part (every value HTML-escaped), their text and the subject from the templates
 * {@code email.txt}, {@code email.html} and {@code email-subject.txt} ({@link NotificationTemplates}). Threading: the firing mail's {@code Message-ID} is
 * {@code <alert-id@vigil>}, stable, so a retried send is recognisably the same mail; the resolved mail has
 * {@code <alert-id.resolved@vigil>} with {@code In-Reply-To} and {@code References} set to the firing one, so mail
 * clients show one thread per incident. The subject carries the severity, the entity and the token
 * {@code [vigil:<alert id>]} that the feedback intake matches replies by; {@code X-Vigil-Idempotency-Key} carries the
 * outbox's key (SMTP has no way to refuse a repeated message, so a mail resent after a lost answer is recognisable by
 * that header and its unchanged Message-ID). Both parts show the explanation's evidence, when it has some.
 * <p>
 * Retried: connection failures and SMTP 4xx replies (greylisting, mailbox busy, quota). Permanent: authentication
 * failures, SMTP 5xx replies (unknown recipient, relay denied), invalid addresses, STARTTLS refused. The password
 * is never logged.
 */
@ApplicationScoped
public class EmailNotifier implements Notifier {

    private static final int SUBJECT_MAX = 200;
    private static final String TIMEOUT_MS = String.valueOf(HttpCalls.TIMEOUT.toMillis());

    private final Optional<String> host;
    private final int port;
    private final Optional<String> username;
    private final Optional<String> password;
    private final Optional<String> from;
    private final List<String> to;
    private final boolean starttls;
    private final NotificationTemplates templates;

    public EmailNotifier(@ConfigProperty(name = "vigil.notify.email.host") Optional<String> host,
            @ConfigProperty(name = "vigil.notify.email.port", defaultValue = "587") int port,
            @ConfigProperty(name = "vigil.notify.email.username") Optional<String> username,
            @ConfigProperty(name = "vigil.notify.email.password") Optional<String> password,
            @ConfigProperty(name = "vigil.notify.email.from") Optional<String> from,
            @ConfigProperty(name = "vigil.notify.email.to") Optional<List<String>> to,
            @ConfigProperty(name = "vigil.notify.email.starttls", defaultValue = "true") boolean starttls,
            NotificationTemplates templates) {
        this.host = host.map(String::strip).filter(s -> !s.isEmpty());
        this.port = port;
        this.username = username.filter(s -> !s.isBlank());
        this.password = password.filter(s -> !s.isEmpty());
        this.from = from.map(String::strip).filter(s -> !s.isEmpty());
        this.to = to.orElse(List.of()).stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        this.starttls = starttls;
        this.templates = templates;
    }

    @Override
    public String name() {
        return "email";
    }

    @Override
    public Optional<String> misconfiguration() {
        String missing = host.isEmpty() ? "vigil.notify.email.host"
                : from.isEmpty() ? "vigil.notify.email.from"
                : to.isEmpty() ? "vigil.notify.email.to"
                : username.isPresent() && password.isEmpty() ? "vigil.notify.email.password" : null;
        if (missing != null) {
            return Notifier.missing("email", missing);
        }
        try {
            InternetAddress.parse(from.get(), true);
            InternetAddress.parse(String.join(",", to), true);
        } catch (AddressException e) {
            return Optional.of("receiver 'email': vigil.notify.email.from/to hold an invalid address: " + e.getMessage());
        }
        return Optional.empty();
    }

    /** The firing mail's Message-ID, which the resolved mail refers to. */
    public static String messageId(Alert alert) {
        return "<" + idPart(alert.id()) + "@vigil>";
    }

    static String resolvedMessageId(Alert alert) {
        return "<" + idPart(alert.id()) + ".resolved@vigil>";
    }

    @Override
    public Optional<String> send(Delivery delivery) throws NotificationException {
        requireConfigured();
        Session session = Session.getInstance(properties());
        try {
            MimeMessage mail = message(session, delivery);
            if (username.isPresent()) {
                Transport.send(mail, username.get(), password.orElseThrow());
            } else {
                Transport.send(mail);
            }
            return Optional.of(mail.getMessageID());
        } catch (MessagingException e) {
            throw classify(e);
        }
    }

    MimeMessage message(Session session, Delivery delivery) throws MessagingException {
        Alert alert = delivery.alert();
        boolean resolved = alert.status() == AlertStatus.RESOLVED;
        MimeMessage mail = new FixedIdMessage(session, resolved ? resolvedMessageId(alert) : messageId(alert));
        mail.setFrom(new InternetAddress(from.orElseThrow(), true));
        mail.setRecipients(Message.RecipientType.TO, InternetAddress.parse(String.join(",", to), true));
        mail.setSubject(subject(templates, alert), StandardCharsets.UTF_8.name());
        mail.setSentDate(new Date());
        if (resolved) {
            mail.setHeader("In-Reply-To", messageId(alert));
            mail.setHeader("References", messageId(alert));
        }
        mail.setHeader("X-Vigil-Alert-Id", alert.id());
        mail.setHeader("X-Vigil-Fingerprint", alert.fingerprint());
        mail.setHeader("X-Vigil-Status", alert.status().name());
        mail.setHeader("X-Vigil-Idempotency-Key", delivery.idempotencyKey());

        MimeBodyPart text = new MimeBodyPart();
        text.setText(templates.render(NotificationTemplate.EMAIL_TEXT, alert) + "\n", StandardCharsets.UTF_8.name(), "plain");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(templates.render(NotificationTemplate.EMAIL_HTML, alert), StandardCharsets.UTF_8.name(), "html");
        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(text);
        alternative.addBodyPart(html);
        mail.setContent(alternative);
        mail.saveChanges();
        return mail;
    }

    static String subject(NotificationTemplates templates, Alert alert) {
        String subject = templates.render(NotificationTemplate.EMAIL_SUBJECT, alert).replaceAll("\\p{Cntrl}+", " ");
        subject = HttpCalls.cut(subject, SUBJECT_MAX);
        return alert.status() == AlertStatus.RESOLVED ? "Re: " + subject : subject;
    }

    /** SMTP 4xx and connection trouble are worth a retry; 5xx, bad credentials and bad addresses are not. */
    static NotificationException classify(MessagingException e) {
        String what = "SMTP send failed: " + e.getMessage();
        if (e instanceof AuthenticationFailedException) {
            return NotificationException.permanent("SMTP authentication failed: " + e.getMessage());
        }
        if (e instanceof MailConnectException) {
            return NotificationException.retryable("SMTP server unreachable: " + e.getMessage(), null, e);
        }
        for (Exception next = e; next != null; next = next instanceof MessagingException m ? m.getNextException() : null) {
            int code = replyCode(next);
            if (code >= 400 && code < 500) {
                return NotificationException.retryable(what + " (SMTP " + code + ")", null, e);
            }
            if (code >= 500) {
                return NotificationException.permanent(what + " (SMTP " + code + ")");
            }
        }
        if (e instanceof SendFailedException sendFailed && sendFailed.getInvalidAddresses() != null
                && sendFailed.getInvalidAddresses().length > 0) {
            return NotificationException.permanent(what);
        }
        if (e.getCause() instanceof IOException) {
            return NotificationException.retryable(what, null, e);
        }
        return NotificationException.permanent(what);
    }

    private static int replyCode(Exception e) {
        if (e instanceof SMTPAddressFailedException a) {
            return a.getReturnCode();
        }
        if (e instanceof SMTPSenderFailedException s) {
            return s.getReturnCode();
        }
        if (e instanceof SMTPSendFailedException s) {
            return s.getReturnCode();
        }
        return -1;
    }

    private Properties properties() {
        Properties p = new Properties();
        p.setProperty("mail.transport.protocol", "smtp");
        p.setProperty("mail.smtp.host", host.orElseThrow());
        p.setProperty("mail.smtp.port", String.valueOf(port));
        p.setProperty("mail.smtp.auth", String.valueOf(username.isPresent()));
        p.setProperty("mail.smtp.starttls.enable", String.valueOf(starttls));
        p.setProperty("mail.smtp.starttls.required", String.valueOf(starttls));
        p.setProperty("mail.smtp.connectiontimeout", TIMEOUT_MS);
        p.setProperty("mail.smtp.timeout", TIMEOUT_MS);
        p.setProperty("mail.smtp.writetimeout", TIMEOUT_MS);
        return p;
    }

    /** Message-ID characters kept from an alert id: the dot-atom text of RFC 5322 minus a few that confuse clients. */
    private static String idPart(String id) {
        return id.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /** Keeps the Message-ID Vigil chose; Jakarta Mail would otherwise make a new random one on every save. */
    private static final class FixedIdMessage extends MimeMessage {

        private final String messageId;

        FixedIdMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
