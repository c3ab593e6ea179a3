package dev.vigil.feedback.email;

import java.util.List;

import dev.vigil.contracts.Verdict;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReplyParsingTest {

    private static final String ID = "3f2b8c1e-7a4d-4e0b-9b8e-2c1d0e9f8a7b";

    @Test
    void theAlertComesFromInReplyToThenReferencesThenTheSubjectToken() {
        assertThat(ReplyMatcher.alertId("<" + ID + "@vigil>", null, "Re: whatever")).contains(ID);
        assertThat(ReplyMatcher.alertId("<CAF=x@mail.gmail.com>", "<" + ID + "@vigil> <" + ID + ".resolved@vigil>", null))
                .contains(ID);
        assertThat(ReplyMatcher.alertId(null, "<other@example.com>", "RE: [vigil:" + ID + "] CRITICAL boiler")).contains(ID);
        assertThat(ReplyMatcher.alertId(null, null, "Lunch?")).isEmpty();
    }

    @Test
    void theFirstLineGivesTheVerdictAndTheRestIsTheComment() {
        assertThat(ReplyText.parse("False alarm - sensor was recalibrated\nIgnore it.\n"))
                .contains(new ReplyText.Answer(Verdict.FALSE_ALARM, "sensor was recalibrated\nIgnore it."));
        assertThat(ReplyText.parse("\n\nConfirm.")).contains(new ReplyText.Answer(Verdict.TRUE_INCIDENT, ""));
        assertThat(ReplyText.parse("confirmed, paging the boiler team")).get()
                .extracting(ReplyText.Answer::verdict).isEqualTo(Verdict.TRUE_INCIDENT);
        assertThat(ReplyText.parse("EXPECTED: deploy of 4.2")).contains(new ReplyText.Answer(Verdict.EXPECTED, "deploy of 4.2"));
        assertThat(ReplyText.parse("New normal")).get().extracting(ReplyText.Answer::verdict).isEqualTo(Verdict.NEW_NORMAL);
        assertThat(ReplyText.parse("duplicate of the plant-1 alert")).get()
                .extracting(ReplyText.Answer::verdict).isEqualTo(Verdict.DUPLICATE);
        assertThat(ReplyText.parse("maintenance window")).get().extracting(ReplyText.Answer::verdict).isEqualTo(Verdict.EXPECTED);
    }

    @Test
    void wordsMustStartTheFirstLineAndBeWholeWords() {
        assertThat(ReplyText.parse("I think it is a false alarm")).isEmpty();
        assertThat(ReplyText.parse("falsehood")).isEmpty();
        assertThat(ReplyText.parse("")).isEmpty();
        assertThat(ReplyText.parse("> false alarm\n")).isEmpty();
    }

    @Test
    void quotedTextAttributionsAndSignaturesAreStripped() {
        String gmail = "False alarm\r\nthe probe was unplugged\r\n\r\nOn Mon, 1 Jun 2024 at 08:03, Vigil <vigil@example.com> wrote:\r\n"
                + "> [FIRING] CRITICAL temperature\r\n> confirm\r\n";
        assertThat(ReplyText.parse(gmail)).contains(new ReplyText.Answer(Verdict.FALSE_ALARM, "the probe was unplugged"));
        String signed = "expected\nplanned sale\n-- \nAmy McGee\nOn call\n";
        assertThat(ReplyText.parse(signed)).contains(new ReplyText.Answer(Verdict.EXPECTED, "planned sale"));
        String outlook = "Duplicate\n\n________________________________\nFrom: Vigil <vigil@example.com>\nSent: Monday\n";
        assertThat(ReplyText.parse(outlook)).contains(new ReplyText.Answer(Verdict.DUPLICATE, ""));
        String original = "confirm\n-----Original Message-----\nFrom: Vigil\nfalse alarm\n";
        assertThat(ReplyText.parse(original)).contains(new ReplyText.Answer(Verdict.TRUE_INCIDENT, ""));
        assertThat(ReplyText.ownLines("confirm\nSent from my phone\nsecret")).containsExactly("confirm");
    }

    @Test
    void sendersAreAllowedByAddressOrByExactDomain() {
        SenderAllowList allowed = new SenderAllowList(List.of("oncall@partner.io", "example.com", " @Ops.Example.org "));
        assertThat(allowed.allows("oncall@partner.io")).isTrue();
        assertThat(allowed.allows("OnCall@Partner.IO")).isTrue();
        assertThat(allowed.allows("someone@partner.io")).isFalse();
        assertThat(allowed.allows("amy@example.com")).isTrue();
        assertThat(allowed.allows("amy@evil-example.com")).isFalse();
        assertThat(allowed.allows("amy@example.com.evil.io")).isFalse();
        assertThat(allowed.allows("amy@ops.example.org")).isTrue();
        assertThat(allowed.allows("not-an-address")).isFalse();
        assertThat(allowed.allows(null)).isFalse();
        assertThat(SenderAllowList.parse(" ").isEmpty()).isTrue();
    }
}
