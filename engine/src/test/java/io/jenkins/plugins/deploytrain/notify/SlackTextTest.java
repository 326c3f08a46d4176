package io.jenkins.plugins.deploytrain.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SlackTextTest {

    private static final TrainEvent.Started STARTED = new TrainEvent.Started("checkout", "1.4.2", 12, 30, "https://ci.example/job/checkout/42/train");

    @Test
    void theRootNamesTrainVersionFleetAndLink() {
        assertThat(SlackText.root(STARTED)).isEqualTo(":steam_locomotive: Deploy train `checkout` version `1.4.2`: 30 targets in 12 environments."
                + " <https://ci.example/job/checkout/42/train|progress>");
        assertThat(SlackText.summary(STARTED, 7, "paused at prod/eu-b")).endsWith("\n7/30 targets done. paused at prod/eu-b");
    }

    @Test
    void everyEventHasItsLine() {
        assertThat(SlackText.reply(new TrainEvent.ZoneDone("prod-aws-eu-west-1", "eu-west-1a")))
                .isEqualTo(":white_check_mark: `prod-aws-eu-west-1/eu-west-1a` done");
        assertThat(SlackText.reply(new TrainEvent.EnvironmentDone("prod-aws-eu-west-1", 3, 12)))
                .isEqualTo(":white_check_mark: environment `prod-aws-eu-west-1` done (3/12)");
        assertThat(SlackText.reply(new TrainEvent.GateFailed("prod-aws-eu-west-1/eu-west-1b", "no-pages", "1 alert(s) firing",
                List.of("HighErrorRate{alertname=HighErrorRate, zone=eu-west-1b} error ratio 0.3"))))
                .isEqualTo(":red_circle: gate *no-pages* failed at `prod-aws-eu-west-1/eu-west-1b`: 1 alert(s) firing"
                        + "\n• HighErrorRate{alertname=HighErrorRate, zone=eu-west-1b} error ratio 0.3"
                        + "\nThe train is paused. Reply `proceed`, `proceed 2h` (silence what fired for 2h), `retry`, `skip` or `abort`.");
        assertThat(SlackText.reply(new TrainEvent.WaitingForWindow("prod-aws-us-east-1/us-east-1a", Instant.parse("2026-11-27T14:00:00Z"),
                ZoneId.of("America/New_York")))).isEqualTo(":hourglass: `prod-aws-us-east-1/us-east-1a` waits for its deploy window until 2026-11-27 09:00 EST");
        assertThat(SlackText.reply(new TrainEvent.Approved("alice", "proceed", Optional.of(Duration.ofHours(2)), Optional.empty(), List.of("572b2673"))))
                .isEqualTo(":ok_hand: proceed approved by alice, silencing what fired for 2h (572b2673)");
        assertThat(SlackText.reply(new TrainEvent.Completed(Duration.ofMinutes(135), 12)))
                .isEqualTo(":checkered_flag: train completed in 2h15m across 12 environments");
        assertThat(SlackText.reply(new TrainEvent.Failed("deploy of x failed"))).isEqualTo(":x: train failed: deploy of x failed");
    }

    @Test
    void outsideTextIsEscapedSoItCannotPingOrLink() {
        assertThat(SlackText.escape("<!channel> & <https://evil|click>")).isEqualTo("&lt;!channel&gt; &amp; &lt;https://evil|click&gt;");
        assertThat(SlackText.reply(new TrainEvent.ApprovalIgnored("<@U999>", "proceed `now` <!here>")))
                .isEqualTo(":no_entry: &lt;@U999&gt; may not approve this train; ignored: `proceed 'now' &lt;!here&gt;`");
        assertThat(SlackText.reply(new TrainEvent.ZoneDone("a<b", "c>d"))).isEqualTo(":white_check_mark: `a&lt;b/c&gt;d` done");
    }
}
