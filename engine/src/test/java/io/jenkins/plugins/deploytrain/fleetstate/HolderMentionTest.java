package io.jenkins.plugins.deploytrain.fleetstate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class HolderMentionTest {

    @Test
    void aBuildNamedInAWaitingMessageIsFoundWhereItWasWritten() {
        LeaseHolder h = new LeaseHolder("payments/release 1.2", "41", "payments/release 1.2#41", "t1", "prod-eu/a", "1.2.1");
        String message = "waiting for prod-eu/a: environment prod-eu is held by " + HolderMention.of(h)
                + " (target prod-eu/a, payments 1.2.1) since " + Instant.parse("2026-12-04T09:00:00Z");

        HolderMention.Found found = HolderMention.find(message).orElseThrow();

        assertThat(found.job()).isEqualTo("payments/release 1.2");
        assertThat(found.build()).isEqualTo(41);
        assertThat(message.substring(found.start(), found.end())).isEqualTo("job payments/release 1.2 build 41");
    }

    @Test
    void aRunnerOrAnyOtherTextIsNotABuild() {
        LeaseHolder runner = new LeaseHolder("payments", "cli:host:4242:17", "cli:host:4242:17", "t1", "prod-eu/a", "1.2.1");
        assertThat(HolderMention.of(runner)).isEqualTo("job payments runner cli:host:4242:17");
        assertThat(HolderMention.find("held by " + HolderMention.of(runner) + " (target prod-eu/a, ...)")).isEmpty();
        assertThat(HolderMention.find("deploy of prod-eu/a failed (attempt 2)")).isEmpty();
    }
}
