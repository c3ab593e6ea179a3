package dev.vigil.alerting.notify.email;

import java.util.List;
import java.util.Optional;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.vigil.alerting.notify.NotificationException;
import dev.vigil.alerting.notify.TestAlerts;
import dev.vigil.alerting.notify.template.NotificationTemplates;
import dev.vigil.contracts.Alert;
import dev.vigil.contracts.Severity;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

/** Against a real SMTP server (GreenMail), reading back what it received. */
class EmailNotifierTest {

    private static final String FROM = "vigil@plant.example";
    private static final List<String> TO = List.of("ops@plant.example", "oncall@plant.example");
    private static final String PASSWORD = "smtp-s3cret";

    private GreenMail smtp;

    @BeforeEach
    void start() {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        smtp.start();
        smtp.setUser(FROM, "vigil", PASSWORD);
    }

    @AfterEach
    void stop() {
        smtp.stop();
    }

    private EmailNotifier notifier(Optional<String> username, Optional<String> password) {
        return new EmailNotifier(Optional.of("127.0.0.1"), smtp.getSmtp().getPort(), username, password,
                Optional.of(FROM), Optional.of(TO), false, NotificationTemplates.shipped());
    }

    private EmailNotifier notifier() {
        return notifier(Optional.of("vigil"), Optional.of(PASSWORD));
    }

    /** The first received copy of the mail about an alert in this status (GreenMail keeps one copy per mailbox). */
    private static MimeMessage withStatus(MimeMessage[] mails, String status) throws MessagingException {
        for (MimeMessage mail : mails) {
            if (status.equals(mail.getHeader("X-Vigil-Status", null))) {
                return mail;
            }
        }
        throw new AssertionError("no mail with X-Vigil-Status " + status);
    }

    /** GreenMail keeps one copy per recipient; the first is enough to read headers and parts. */
    private MimeMessage[] received(int mails) {
        assertThat(smtp.waitForIncomingEmail(10_000, mails * TO.size())).isTrue();
        return smtp.getReceivedMessages();
    }

    private static String part(MimeMessage mail, int index) throws Exception {
        return ((MimeMultipart) mail.getContent()).getBodyPart(index).getContent().toString();
    }

    @Test
    void firingMailIsMultipartAlternativeWithTextAndHtmlAndAStableMessageId() throws Exception {
        notifier().send(TestAlerts.delivery(TestAlerts.firing()));

        MimeMessage mail = received(1)[0];
        assertThat(mail.getHeader("Message-ID", null)).isEqualTo("<" + TestAlerts.ID + "@vigil>");
        assertThat(mail.getHeader("In-Reply-To")).isNull();
        assertThat(mail.getSubject()).isEqualTo("[vigil:" + TestAlerts.ID
                + "] CRITICAL temperature{device=boiler-2,site=plant-1} (metric-baseline)");
        assertThat(mail.getFrom()).containsExactly(new InternetAddress(FROM));
        assertThat(mail.getRecipients(Message.RecipientType.TO)).extracting(Object::toString).containsExactlyElementsOf(TO);
        assertThat(mail.getHeader("X-Vigil-Alert-Id", null)).isEqualTo(TestAlerts.ID);
        assertThat(mail.getContentType()).startsWith("multipart/alternative");

        MimeMultipart parts = (MimeMultipart) mail.getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain").containsIgnoringCase("charset=UTF-8");
        assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html").containsIgnoringCase("charset=UTF-8");
        assertThat(part(mail, 0))
                .startsWith("mean observed 77.05 vs expected 68.05: 73.6σ above (robust z, limit 3.5σ)")
                .contains("Observed mean: 77.05")
                .contains("Expected: 68.05 ± 0.12")
                .contains("robust-z: mean observed")
                .contains("[vigil:" + TestAlerts.ID + "]");
        assertThat(part(mail, 1))
                .contains("<h2>CRITICAL temperature{device=boiler-2,site=plant-1} (metric-baseline)</h2>")
                .contains("<th style=\"text-align:left;padding:2px 12px 2px 0\">Observed mean</th><td>77.05</td>")
                .contains("73.6σ above")
                .doesNotContain("Evidence");
        assertThat(mail.getHeader("X-Vigil-Idempotency-Key", null)).isEqualTo(TestAlerts.FINGERPRINT + ":firing:1");
    }

    @Test
    void bothPartsShowTheEvidenceTheHtmlEscaped() throws Exception {
        assertThat(notifier().send(TestAlerts.delivery(TestAlerts.withEvidence()))).contains("<" + TestAlerts.ID + "@vigil>");

        MimeMessage mail = received(1)[0];
        assertThat(part(mail, 0).replace("\r\n", "\n")).contains("Evidence:\n- " + TestAlerts.EVIDENCE.get(0) + "\n- " + TestAlerts.EVIDENCE.get(1));
        assertThat(part(mail, 1).replaceAll("\r?\n", "")).contains("<h3>Evidence</h3><ul><li><code>2024-06-01T08:02:57Z ERROR boiler-2 &lt;overheat&gt;"
                + " &amp; pump `stalled`</code></li><li><code>relief valve opened 3 times in 10 min</code></li></ul>");
    }

    @Test
    void resolvedMailRepliesToTheFiringMailSoClientsThreadTheIncident() throws Exception {
        EmailNotifier notifier = notifier();

        notifier.send(TestAlerts.delivery(TestAlerts.firing()));
        notifier.send(TestAlerts.delivery(TestAlerts.resolved()));

        MimeMessage[] mails = received(2);
        MimeMessage firing = withStatus(mails, "FIRING");
        MimeMessage resolved = withStatus(mails, "RESOLVED");
        String firingId = firing.getHeader("Message-ID", null);
        assertThat(resolved.getHeader("Message-ID", null)).isEqualTo("<" + TestAlerts.ID + ".resolved@vigil>")
                .isNotEqualTo(firingId);
        assertThat(resolved.getHeader("In-Reply-To", null)).isEqualTo(firingId);
        assertThat(resolved.getHeader("References", null)).isEqualTo(firingId);
        assertThat(resolved.getSubject()).isEqualTo("Re: [vigil:" + TestAlerts.ID
                + "] RESOLVED CRITICAL temperature{device=boiler-2,site=plant-1} (metric-baseline)");
        assertThat(part(resolved, 0)).startsWith("Back to normal: temperature{device=boiler-2,site=plant-1}")
                .contains("after PT17M").contains("Resolved: 2024-06-01T08:20:00Z");
        assertThat(part(resolved, 1)).contains("Back to normal");
    }

    @Test
    void aRetriedSendCarriesTheSameMessageId() throws Exception {
        EmailNotifier notifier = notifier();

        notifier.send(TestAlerts.delivery(TestAlerts.firing()));
        notifier.send(TestAlerts.delivery(TestAlerts.firing()));

        MimeMessage[] mails = received(2);
        assertThat(mails).hasSize(2 * TO.size());
        assertThat(mails).extracting(m -> m.getHeader("Message-ID", null)).containsOnly("<" + TestAlerts.ID + "@vigil>");
    }

    @Test
    void markupInAnEntityIsEscapedInHtmlAndLiteralInText() throws Exception {
        Alert alert = TestAlerts.firing(Severity.WARNING, "cpu{host=<script>alert('x')</script>&co}", "a \"quoted\" <b>finding</b>");

        notifier().send(TestAlerts.delivery(alert));

        MimeMessage mail = received(1)[0];
        assertThat(part(mail, 1))
                .contains("cpu{host=&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;co}")
                .contains("a &quot;quoted&quot; &lt;b&gt;finding&lt;/b&gt;")
                .doesNotContain("<script>").doesNotContain("<b>");
        assertThat(part(mail, 0)).contains("cpu{host=<script>alert('x')</script>&co}");
        assertThat(mail.getSubject()).startsWith("[vigil:" + TestAlerts.ID + "] WARNING cpu{host=<script>");
    }

    @Test
    void lineBreaksInAnEntityNeverReachTheSubjectHeader() throws Exception {
        notifier().send(TestAlerts.delivery(TestAlerts.firing(Severity.WARNING, "evil\r\nBcc: victim@example.com", "x")));

        MimeMessage mail = received(1)[0];
        assertThat(mail.getSubject()).doesNotContain("\r").doesNotContain("\n").contains("evil Bcc: victim@example.com");
        assertThat(mail.getHeader("Bcc")).isNull();
    }

    @Test
    void wrongPasswordIsPermanentAndNeverShown() {
        EmailNotifier wrong = notifier(Optional.of("vigil"), Optional.of("not-the-password"));

        assertThatThrownBy(() -> wrong.send(TestAlerts.delivery(TestAlerts.firing())))
                .asInstanceOf(type(NotificationException.class))
                .satisfies(e -> assertThat(e.retryable()).isFalse())
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("not-the-password"));
    }

    @Test
    void anSmtpServerThatIsDownIsRetryable() {
        EmailNotifier down = new EmailNotifier(Optional.of("127.0.0.1"), 1, Optional.empty(), Optional.empty(),
                Optional.of(FROM), Optional.of(TO), false, NotificationTemplates.shipped());

        assertThatThrownBy(() -> down.send(TestAlerts.delivery(TestAlerts.firing())))
                .asInstanceOf(type(NotificationException.class))
                .satisfies(e -> assertThat(e.retryable()).isTrue());
    }

    @Test
    void smtpReplyCodesDecide4xxRetryable5xxPermanent() throws Exception {
        InternetAddress ops = new InternetAddress("ops@plant.example");
        MessagingException greylisted = new SMTPSendFailedException("RCPT", 451, "451 4.7.1 Greylisted, try again later",
                null, null, null, new InternetAddress[] {ops});
        MessagingException unknown = new jakarta.mail.SendFailedException("Invalid Addresses",
                new SMTPAddressFailedException(ops, "RCPT", 550, "550 5.1.1 No such user"));

        assertThat(EmailNotifier.classify(greylisted).retryable()).isTrue();
        assertThat(EmailNotifier.classify(unknown).retryable()).isFalse();
        assertThat(EmailNotifier.classify(unknown).getMessage()).contains("550");
    }

    @Test
    void eachMissingKeyIsNamed() {
        assertThat(new EmailNotifier(Optional.empty(), 25, Optional.empty(), Optional.empty(), Optional.of(FROM),
                Optional.of(TO), true, NotificationTemplates.shipped()).misconfiguration()).hasValueSatisfying(m -> assertThat(m).contains("vigil.notify.email.host"));
        assertThat(new EmailNotifier(Optional.of("smtp"), 25, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(TO), true, NotificationTemplates.shipped()).misconfiguration()).hasValueSatisfying(m -> assertThat(m).contains("vigil.notify.email.from"));
        assertThat(new EmailNotifier(Optional.of("smtp"), 25, Optional.empty(), Optional.empty(), Optional.of(FROM),
                Optional.empty(), true, NotificationTemplates.shipped()).misconfiguration()).hasValueSatisfying(m -> assertThat(m).contains("vigil.notify.email.to"));
        assertThat(new EmailNotifier(Optional.of("smtp"), 25, Optional.of("vigil"), Optional.empty(), Optional.of(FROM),
                Optional.of(TO), true, NotificationTemplates.shipped()).misconfiguration()).hasValueSatisfying(m -> assertThat(m).contains("vigil.notify.email.password"));
        assertThat(new EmailNotifier(Optional.of("smtp"), 25, Optional.empty(), Optional.empty(), Optional.of("not an address"),
                Optional.of(TO), true, NotificationTemplates.shipped()).misconfiguration()).hasValueSatisfying(m -> assertThat(m).contains("invalid address"));
        assertThat(notifier().misconfiguration()).isEmpty();
    }
}
