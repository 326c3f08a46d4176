package io.jenkins.plugins.deploytrain.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ApprovedPlansTest {

    private final ApprovedPlan first = new ApprovedPlan("tfplan1:aa", "alice", Instant.parse("2026-11-26T10:00:00Z"), "prod-us-east-1/us-east-1a");
    private final ApprovedPlan again = new ApprovedPlan("tfplan1:aa", "bob", Instant.parse("2026-11-26T11:00:00Z"), "prod-eu-west-1/eu-west-1a");

    @Test
    void findsTheFirstApprovalOfAFingerprint() {
        ApprovedPlans plans = ApprovedPlans.empty().with(first).with(again);

        assertThat(plans.plans()).containsExactly(first);
        assertThat(plans.find("tfplan1:aa")).contains(first);
        assertThat(plans.find("tfplan1:bb")).isEmpty();
    }

    @Test
    void anApprovalOfTheCandidatesFingerprintApprovesIt() throws Exception {
        PlanDigest euWest = new PlanFingerprinter(PlanComparatorFixtureTest.US_EAST)
                .fingerprint(TerraformFixtures.plan("infracost_update_us-east-1b_fmt0.2.json"));
        ApprovedPlans plans = ApprovedPlans.empty().with(new ApprovedPlan(euWest.fingerprint(), "alice", Instant.EPOCH, "prod/us-east-1b"));

        assertThat(plans.find(euWest.fingerprint())).map(ApprovedPlan::approvedBy).contains("alice");
    }

    @Test
    void roundTripsThroughJsonForTheLedger() throws Exception {
        ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule()).disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        ApprovedPlans plans = ApprovedPlans.empty().with(first);

        String json = mapper.writeValueAsString(plans);

        assertThat(json).isEqualTo("{\"plans\":[{\"fingerprint\":\"tfplan1:aa\",\"approvedBy\":\"alice\",\"approvedAt\":\"2026-11-26T10:00:00Z\",\"target\":\"prod-us-east-1/us-east-1a\"}]}");
        assertThat(mapper.readValue(json, ApprovedPlans.class)).isEqualTo(plans);
    }
}
