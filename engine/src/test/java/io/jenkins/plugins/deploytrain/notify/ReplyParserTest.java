package io.jenkins.plugins.deploytrain.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.deploytrain.notify.ApprovalCommand.Action;
import java.time.Duration;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class ReplyParserTest {

    @Test
    void readsTheActionsInAnyCase() {
        assertThat(ReplyParser.parse("proceed")).contains(new ApprovalCommand(Action.PROCEED, Optional.empty(), Optional.empty(), ""));
        assertThat(ReplyParser.parse("RETRY")).contains(new ApprovalCommand(Action.RETRY, Optional.empty(), Optional.empty(), ""));
        assertThat(ReplyParser.parse("  Skip.")).contains(new ApprovalCommand(Action.SKIP, Optional.empty(), Optional.empty(), ""));
        assertThat(ReplyParser.parse("abort! the canary is on fire"))
                .contains(new ApprovalCommand(Action.ABORT, Optional.empty(), Optional.empty(), "the canary is on fire"));
    }

    @Test
    void proceedCanCarryASilenceDurationATargetAndAReason() {
        assertThat(ReplyParser.parse("proceed 2h")).contains(new ApprovalCommand(Action.PROCEED, Optional.of(Duration.ofHours(2)), Optional.empty(), ""));
        assertThat(ReplyParser.parse("Proceed 1h30m prod-aws-eu-west-1/eu-west-1a known flake, see INC-42"))
                .contains(new ApprovalCommand(Action.PROCEED, Optional.of(Duration.ofMinutes(90)), Optional.of("prod-aws-eu-west-1/eu-west-1a"),
                        "known flake, see INC-42"));
        assertThat(ReplyParser.parse("retry prod-aws-eu-west-1/eu-west-1a"))
                .contains(new ApprovalCommand(Action.RETRY, Optional.empty(), Optional.of("prod-aws-eu-west-1/eu-west-1a"), ""));
        assertThat(ReplyParser.parse("skip staging-gcp")).contains(new ApprovalCommand(Action.SKIP, Optional.empty(), Optional.of("staging-gcp"), ""));
        assertThat(ReplyParser.parse("retry it please")).contains(new ApprovalCommand(Action.RETRY, Optional.empty(), Optional.empty(), "it please"));
        assertThat(ReplyParser.parse("<@U0BOT> *proceed* 30m")).contains(new ApprovalCommand(Action.PROCEED, Optional.of(Duration.ofMinutes(30)),
                Optional.empty(), ""));
    }

    @Test
    void conversationIsNotACommand() {
        assertThat(ReplyParser.parse("should we proceed?")).isEmpty();
        assertThat(ReplyParser.parse("proceeding looks fine")).isEmpty();
        assertThat(ReplyParser.parse("")).isEmpty();
        assertThat(ReplyParser.parse(null)).isEmpty();
        assertThat(ReplyParser.parse("retry 2h")).as("only proceed silences").isEmpty();
    }

    @Property
    void textThatDoesNotStartWithAnActionIsNeverACommand(@ForAll String text) {
        String t = "x" + text;
        assertThat(ReplyParser.parse(t)).isEmpty();
    }
}
