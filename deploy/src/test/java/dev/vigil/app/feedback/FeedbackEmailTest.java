package dev.vigil.app.feedback;

import java.time.Duration;
import java.util.Properties;

import dev.vigil.alerting.store.AlertStore;
import dev.vigil.app.testing.Alerts;
import dev.vigil.app.testing.GreenMailResource;
import dev.vigil.contracts.Alert;
import dev.vigil.contracts.Verdict;
import dev.vigil.feedback.store.FeedbackStore;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Replies to alert mails, sent to a real GreenMail server and read by Vigil over IMAP. */
@QuarkusTest
class FeedbackEmailTest {

    @Inject
    AlertStore alerts;
    @Inject
    FeedbackStore feedback;
    @ConfigProperty(name = GreenMailResource.SMTP_PORT)
    int smtpPort;

    private void reply(String from, String inReplyTo, String subject, String text) throws Exception {
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", Integer.toString(smtpPort));
        MimeMessage mail = new MimeMessage(Session.getInstance(props));
        mail.setFrom(new InternetAddress(from));
        mail.setRecipient(Message.RecipientType.TO, new InternetAddress(GreenMailResource.MAILBOX));
        mail.setSubject(subject);
        if (inReplyTo != null) {
            mail.setHeader("In-Reply-To", inReplyTo);
            mail.setHeader("References", inReplyTo);
        }
        mail.setText(text, "UTF-8");
        Transport.send(mail);
    }

    @Test
    void aReplyToAnAlertMailIsMatchedByInReplyToAndStored() throws Exception {
        Alert alert = Alerts.stored(alerts);
        reply("Ops <ops@example.com>", "<" + alert.id() + "@vigil>", "Re: CRITICAL boiler",
                "False alarm, the probe was unplugged\n\nOn Mon, Vigil <vigil@example.com> wrote:\n> confirm\n");
        await().atMost(Duration.ofSeconds(20)).until(() -> feedback.latest(alert.id()).isPresent());
        assertThat(feedback.latest(alert.id())).get().satisfies(latest -> {
            assertThat(latest.feedback().verdict()).isEqualTo(Verdict.FALSE_ALARM);
            assertThat(latest.feedback().channel()).isEqualTo("email");
            assertThat(latest.feedback().actor()).isEqualTo("ops@example.com");
            assertThat(latest.feedback().comment()).isEqualTo("the probe was unplugged");
            assertThat(latest.reference()).startsWith("email <");
        });
    }

    @Test
    void aReplyFromAStrangerStoresNothingWhileTheNextAllowedOneByTokenDoes() throws Exception {
        Alert alert = Alerts.stored(alerts);
        reply("mallory@evil.example", "<" + alert.id() + "@vigil>", "Re: boiler", "confirm");
        reply("ops@example.com", null, "RE: [vigil:" + alert.id() + "] CRITICAL boiler", "expected\nmaintenance window\n-- \nOps");
        await().atMost(Duration.ofSeconds(20)).until(() -> feedback.latest(alert.id()).isPresent());
        assertThat(feedback.history(alert.id())).singleElement().satisfies(only -> {
            assertThat(only.feedback().verdict()).isEqualTo(Verdict.EXPECTED);
            assertThat(only.feedback().comment()).isEqualTo("maintenance window");
        });
    }
}
