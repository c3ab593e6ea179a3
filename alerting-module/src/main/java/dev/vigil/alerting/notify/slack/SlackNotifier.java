package dev.vigil.alerting.notify.slack;

import java.net.URI;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.alerting.notify.Delivery;
import dev.vigil.alerting.notify.NotificationException;
import dev.vigil.alerting.notify.Notifier;
import dev.vigil.alerting.notify.template.NotificationTemplates;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The receiver {@code slack}, in one of two modes chosen by which key is set: {@code vigil.notify.slack.webhook-url}
 * posts to an incoming webhook ({@link SlackWebhookNotifier}); {@code vigil.notify.slack.bot-token} with
 * {@code vigil.notify.slack.channel} uses the Web API with feedback buttons and edits the message on resolve
 * ({@link SlackWebApiNotifier}), whose messages are remembered in the delivery log
 * and edited by the incident's later notifications, also after a restart. Setting both, or only half of the Web API pair, is a misconfiguration.
 */
@ApplicationScoped
public class SlackNotifier implements Notifier {

    private final Optional<URI> webhook;
    private final Optional<String> botToken;
    private final Optional<String> channel;
    private final Notifier mode;

    public SlackNotifier(@ConfigProperty(name = "vigil.notify.slack.webhook-url") Optional<URI> webhook,
            @ConfigProperty(name = "vigil.notify.slack.bot-token") Optional<String> botToken,
            @ConfigProperty(name = "vigil.notify.slack.channel") Optional<String> channel,
            @ConfigProperty(name = "vigil.notify.slack.api-url", defaultValue = "https://slack.com/api") URI api,
            ObjectMapper json, NotificationTemplates templates) {
        this.webhook = webhook;
        this.botToken = botToken.map(String::strip).filter(s -> !s.isEmpty());
        this.channel = channel.map(String::strip).filter(s -> !s.isEmpty());
        this.mode = this.botToken.isPresent() && this.channel.isPresent() && webhook.isEmpty()
                ? new SlackWebApiNotifier(api, this.botToken.get(), this.channel.get(), json, templates)
                : new SlackWebhookNotifier(webhook, json, templates);
    }

    @Override
    public String name() {
        return "slack";
    }

    /** "webhook" or "web-api": which Slack API this receiver speaks. */
    public String mode() {
        return mode instanceof SlackWebApiNotifier ? "web-api" : "webhook";
    }

    @Override
    public Optional<String> misconfiguration() {
        boolean webApi = botToken.isPresent() || channel.isPresent();
        if (webhook.isPresent() && webApi) {
            return Optional.of("receiver 'slack' has both vigil.notify.slack.webhook-url (incoming webhook) and "
                    + "vigil.notify.slack.bot-token/channel (Web API) set: set only one mode");
        }
        if (webApi && botToken.isEmpty()) {
            return Optional.of("receiver 'slack' has vigil.notify.slack.channel but vigil.notify.slack.bot-token is not set");
        }
        if (webApi && channel.isEmpty()) {
            return Optional.of("receiver 'slack' has vigil.notify.slack.bot-token but vigil.notify.slack.channel is not set");
        }
        if (webhook.isEmpty() && !webApi) {
            return Optional.of("receiver 'slack' is enabled but neither vigil.notify.slack.webhook-url nor "
                    + "vigil.notify.slack.bot-token with vigil.notify.slack.channel is set");
        }
        return Optional.empty();
    }

    @Override
    public Optional<String> send(Delivery delivery) throws NotificationException {
        requireConfigured();
        return mode.send(delivery);
    }
}
