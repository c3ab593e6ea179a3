package dev.vigil.app.testing;

import java.util.Map;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real SMTP + IMAP server (GreenMail) holding Vigil's feedback mailbox {@code vigil@localhost} (login
 * {@code vigil} / {@code secret}); tests send replies to it over SMTP ({@link #SMTP_PORT}) and Vigil reads them over IMAP.
 */
public class GreenMailResource implements QuarkusTestResourceLifecycleManager {

    public static final String SMTP_PORT = "vigil.test.greenmail.smtp-port";
    public static final String MAILBOX = "vigil@localhost";

    private GreenMail greenMail;

    @Override
    public Map<String, String> start() {
        greenMail = new GreenMail(new ServerSetup[] {new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)});
        greenMail.start();
        greenMail.setUser(MAILBOX, "vigil", "secret");
        return Map.of(
                "vigil.feedback.email.host", "127.0.0.1",
                "vigil.feedback.email.port", Integer.toString(greenMail.getImap().getPort()),
                "vigil.feedback.email.username", "vigil",
                "vigil.feedback.email.password", "secret",
                SMTP_PORT, Integer.toString(greenMail.getSmtp().getPort()));
    }

    @Override
    public void stop() {
        if (greenMail != null) {
            greenMail.stop();
        }
    }
}
