package dev.vigil.alerting.notify.template;

import java.util.Arrays;
import java.util.Optional;

/**
 * Every text Vigil renders from a template, by the file name a user's template folder overrides it with. The first
 * three are rendered before the others and handed to them as {@code title}, {@code headline} and {@code text}.
 */
public enum NotificationTemplate {
    TITLE("title.txt"),
    HEADLINE("headline.txt"),
    TEXT("alert.txt"),
    EMAIL_SUBJECT("email-subject.txt"),
    EMAIL_TEXT("email.txt"),
    EMAIL_HTML("email.html"),
    SLACK_TEXT("slack-text.txt"),
    SLACK_SUMMARY("slack-summary.txt"),
    JIRA_SUMMARY("jira-summary.txt"),
    JIRA_DESCRIPTION("jira-description.txt"),
    JIRA_FIRING_AGAIN("jira-comment-firing.txt"),
    JIRA_RESOLVED("jira-comment-resolved.txt"),
    SERVICENOW_SHORT_DESCRIPTION("servicenow-short-description.txt"),
    SERVICENOW_DESCRIPTION("servicenow-description.txt"),
    SERVICENOW_WORK_NOTE("servicenow-work-note.txt"),
    SERVICENOW_CLOSE_NOTES("servicenow-close-notes.txt"),
    PAGERDUTY_SUMMARY("pagerduty-summary.txt"),
    WEBHOOK_DESCRIPTION("webhook-description.txt"),
    ALERTMANAGER_SUMMARY("alertmanager-summary.txt"),
    ALERTMANAGER_DESCRIPTION("alertmanager-description.txt"),
    MSTEAMS_TITLE("msteams-title.txt"),
    MSTEAMS_TEXT("msteams-text.txt"),
    MSTEAMS_OBSERVED("msteams-observed.txt"),
    OPSGENIE_MESSAGE("opsgenie-message.txt"),
    OPSGENIE_DESCRIPTION("opsgenie-description.txt"),
    OPSGENIE_CLOSE_NOTE("opsgenie-close-note.txt");

    private final String file;

    NotificationTemplate(String file) {
        this.file = file;
    }

    /** The template's file name, shipped under {@code dev/vigil/alerting/notify/templates/}. */
    public String file() {
        return file;
    }

    /** The template a file of this name overrides, if any. */
    public static Optional<NotificationTemplate> byFile(String file) {
        return Arrays.stream(values()).filter(t -> t.file.equals(file)).findFirst();
    }
}
