package io.jenkins.plugins.deploytrain.gate;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.deploytrain.fleet.Environment;
import io.jenkins.plugins.deploytrain.fleet.Tier;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TargetVariablesTest {

    @Test
    void aTargetGivesItsEnvironmentZoneRegionTierVersionAndLabels() {
        var env = new Environment("prod-aws-eu-west-1", "aws", "eu-west-1", List.of("eu-west-1a", "eu-west-1b"), Tier.PRODUCTION,
                List.of(), List.of(), Map.of("cost-center", "payments"));
        Map<String, String> vars = TargetVariables.of(env, "eu-west-1b", "2026.11.26-1");
        assertThat(vars).containsExactlyInAnyOrderEntriesOf(Map.of("TRAIN_ENVIRONMENT", "prod-aws-eu-west-1", "TRAIN_ZONE", "eu-west-1b",
                "TRAIN_REGION", "eu-west-1", "TRAIN_PROVIDER", "aws", "TRAIN_TIER", "production", "TRAIN_VERSION", "2026.11.26-1",
                "TRAIN_LABEL_COST_CENTER", "payments"));
        assertThat(PromqlTemplate.render("up{env=\"${TRAIN_ENVIRONMENT}\",cc=\"${TRAIN_LABEL_COST_CENTER}\"}", vars))
                .isEqualTo("up{env=\"prod-aws-eu-west-1\",cc=\"payments\"}");
    }
}
