package io.jenkins.plugins.deploytrain.terraform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PlanTokensTest {

    @Test
    void parsesEnvironmentRegionZonesAccountAndExtras() {
        PlanTokens tokens = PlanTokens.parse("env=prod, region=us-east-1,zones=us-east-1a|us-east-1b|us-east-1c,account=123456789012,cell=blue");

        assertThat(tokens.values()).isEqualTo(Map.of(
                "env", "prod", "region", "us-east-1", "zone1", "us-east-1a", "zone2", "us-east-1b", "zone3", "us-east-1c",
                "account", "123456789012", "cell", "blue"));
    }

    @Test
    void reportsEveryProblemAtOnce() {
        assertThatThrownBy(() -> PlanTokens.parse("env=prod,region,env=stage,zones=us-east-1a|,zone7=x1,9x=y,cell=prod"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("token spec 'env=prod,region,env=stage,zones=us-east-1a|,zone7=x1,9x=y,cell=prod': "
                        + "'region' is not name=value; "
                        + "env is declared twice; "
                        + "zones value '' is shorter than 2 characters; "
                        + "token name 'zone7' is reserved for the zones list (zones=a|b|c); "
                        + "token name '9x' must start with a letter and hold only letters, digits, '_' and '-'; "
                        + "cell value 'prod' is already declared for another token");
    }

    @Test
    void anEmptySpecIsAnError() {
        assertThatThrownBy(() -> PlanTokens.parse(" ")).hasMessageContaining("is empty");
    }
}
