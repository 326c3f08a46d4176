package io.jenkins.plugins.deploytrain.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenReplacerTest {

    private final TokenReplacer aws = new TokenReplacer(PlanTokens.parse(
            "env=prod,region=us-east-1,zones=us-east-1a|us-east-1b,account=123456789012"));

    @Test
    void zonesAreReplacedBeforeTheirRegion() {
        assertThat(aws.replace("us-east-1b")).isEqualTo("${zone2}");
        assertThat(aws.replace("subnet in us-east-1a, region us-east-1")).isEqualTo("subnet in ${zone1}, region ${region}");
    }

    @Test
    void gcpZonesThatExtendTheirRegionWithADashToo() {
        TokenReplacer gcp = new TokenReplacer(PlanTokens.parse("region=europe-west2,zones=europe-west2-c"));

        assertThat(gcp.replace("projects/p/zones/europe-west2-c/instances/vm")).isEqualTo("projects/p/zones/${zone1}/instances/vm");
        assertThat(gcp.replace("europe-west2-b")).isEqualTo("${region}-b");
    }

    @Test
    void tokensInsideArnsHostnamesAndNames() {
        assertThat(aws.replace("arn:aws:iam::123456789012:role/prod-deployer"))
                .isEqualTo("arn:aws:iam::${account}:role/${env}-deployer");
        assertThat(aws.replace("https://sqs.us-east-1.amazonaws.com/123456789012/prod_queue"))
                .isEqualTo("https://sqs.${region}.amazonaws.com/${account}/${env}_queue");
    }

    @Test
    void aTokenOnlyMatchesAsAWholeWord() {
        assertThat(aws.replace("product-prodigy-reprod")).isEqualTo("product-prodigy-reprod");
        assertThat(aws.replace("vol-01234567890123456789")).isEqualTo("vol-01234567890123456789");
        assertThat(aws.replace("us-east-1z")).isEqualTo("us-east-1z");
    }

    @Test
    void aPlaceholderIsNeverRewritten() {
        TokenReplacer tricky = new TokenReplacer(PlanTokens.parse("env=zone1,region=region"));

        assertThat(tricky.replace("zone1/region")).isEqualTo("${env}/${region}");
    }

    @Test
    void anAccountIdWrittenAsANumberIsAToken() {
        assertThat(aws.placeholderFor("123456789012")).isEqualTo("${account}");
        assertThat(aws.placeholderFor("42")).isNull();
    }

    @Test
    void withoutTokensTextIsUntouched() {
        assertThat(new TokenReplacer(PlanTokens.none()).replace("us-east-1")).isEqualTo("us-east-1");
    }
}
