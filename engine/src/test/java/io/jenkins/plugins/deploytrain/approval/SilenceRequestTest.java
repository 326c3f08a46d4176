package io.jenkins.plugins.deploytrain.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SilenceRequestTest {

    @Test
    void aPositiveDurationGoesWithProceed() {
        assertThat(SilenceRequest.read("2h", ApprovalAction.PROCEED)).isEqualTo(Duration.ofHours(2));
        assertThat(SilenceRequest.read(" PT30M ", ApprovalAction.PROCEED)).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void noTextIsNoSilenceWhateverTheAction() {
        assertThat(SilenceRequest.read(null, ApprovalAction.RETRY)).isNull();
    }

    @Test
    void zeroOrNotADurationIsRefusedAsSuch() {
        for (String text : new String[] {"soon", "0m", "", "-1h"}) {
            assertThatThrownBy(() -> SilenceRequest.read(text, ApprovalAction.PROCEED)).as(text)
                    .isInstanceOfSatisfying(SilenceRequest.Refused.class,
                            r -> assertThat(r.problem()).isEqualTo(SilenceRequest.Problem.NOT_A_POSITIVE_DURATION));
        }
    }

    @Test
    void aSilenceWithAnotherActionThanProceedIsRefused() {
        assertThatThrownBy(() -> SilenceRequest.read("1h", ApprovalAction.RETRY))
                .isInstanceOfSatisfying(SilenceRequest.Refused.class,
                        r -> assertThat(r.problem()).isEqualTo(SilenceRequest.Problem.NOT_WITH_THIS_ACTION));
    }
}
