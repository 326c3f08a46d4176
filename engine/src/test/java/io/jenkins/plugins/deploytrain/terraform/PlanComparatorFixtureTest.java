package io.jenkins.plugins.deploytrain.terraform;

import static io.jenkins.plugins.deploytrain.terraform.TerraformFixtures.plan;
import static io.jenkins.plugins.deploytrain.terraform.TerraformFixtures.text;
import static io.jenkins.plugins.deploytrain.terraform.TerraformFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The pairs SOURCES.md names, and region pairs made from real plans by substituting their tokens. */
class PlanComparatorFixtureTest {

    private final PlanComparator comparator = new PlanComparator();

    @TempDir
    Path tmp;

    private PlanComparison compare(Path approved, Path candidate) throws Exception {
        return comparator.compare(new PlanFile(candidate, PlanTokens.none()), List.of(new PlanFile(approved, PlanTokens.none())));
    }

    @Test
    void terraformJson110And120BasicPlansCompareEqual() throws Exception {
        PlanComparison result = compare(plan("tfjson_110_basic_plan.json"), plan("tfjson_120_basic_plan.json"));

        assertThat(result).isInstanceOf(PlanComparison.Identical.class);
        assertThat(result.candidate().changes()).hasSize(7 + 8);
    }

    @Test
    void samePlanByTwoTerraformVersionsComparesEqual() throws Exception {
        PlanComparison result = compare(plan("tfcompliance_pairA_tf0.12.18.json"), plan("tfcompliance_pairA_tf0.12.20_same_changes.json"));

        assertThat(result).isInstanceOf(PlanComparison.Identical.class);
    }

    @Test
    void renamedLambdasCompareNotEqualAndTheDiffNamesThem() throws Exception {
        PlanComparison result = compare(plan("tfcompliance_pairB_fmt0.1_no_region.json"),
                plan("tfcompliance_pairB_fmt0.2_us-west-2_renamed_lambdas.json"));

        assertThat(result).isInstanceOf(PlanComparison.Different.class);
        List<ResourceDifference> differences = ((PlanComparison.Different) result).differences();
        assertThat(differences).extracting(ResourceDifference::kind).containsOnly(ResourceDifference.Kind.CHANGED);
        ResourceDifference lambda = differences.stream()
                .filter(d -> d.address().equals("aws_lambda_function.test_lambda1")).findFirst().orElseThrow();
        assertThat(lambda.attributes()).contains(new AttributeDifference(
                "after.function_name", "\"lambda_function_name1\"", "\"lambda_function_name_a\""));
        // The provider spelled "aws" in one and "registry.terraform.io/hashicorp/aws" in the other is one provider.
        assertThat(differences).flatExtracting(ResourceDifference::attributes)
                .extracting(AttributeDifference::path).doesNotContain("provider");
    }

    @Test
    void aPlanComparesEqualToItsCopyForAnotherRegionZoneAndAccount() throws Exception {
        Path usEast = plan("infracost_update_us-east-1b_fmt0.2.json");
        Path euWest = write(tmp, "eu-west.json", moveToEuWest(text(usEast.getFileName().toString())));

        PlanComparison result = comparator.compare(new PlanFile(euWest, EU_WEST), List.of(new PlanFile(usEast, US_EAST)));

        assertThat(result).isInstanceOf(PlanComparison.Identical.class);
    }

    @Test
    void anyOtherChangeInTheRegionCopyBreaksEquality() throws Exception {
        Path usEast = plan("infracost_update_us-east-1b_fmt0.2.json");
        String moved = moveToEuWest(text(usEast.getFileName().toString()));
        // The update's new instance type (t3.micro to t3.small): the one attribute this plan really changes.
        String changed = replaceFirstAfter(moved, "\"resource_changes\"", "\"t3.small\"", "\"t3.medium\"");
        assertThat(changed).isNotEqualTo(moved);
        Path euWest = write(tmp, "eu-west.json", changed);

        PlanComparison result = comparator.compare(new PlanFile(euWest, EU_WEST), List.of(new PlanFile(usEast, US_EAST)));

        assertThat(result).isInstanceOf(PlanComparison.Different.class);
        assertThat(((PlanComparison.Different) result).differences()).singleElement().satisfies(d -> {
            assertThat(d.address()).isEqualTo("aws_instance.web_app_1");
            assertThat(d.attributes()).containsExactly(new AttributeDifference("after.instance_type", "\"t3.small\"", "\"t3.medium\""));
        });
    }

    @Test
    void withoutTokensARegionCopyDiffersByItsRegionNames() throws Exception {
        String name = "tfcompliance_two_aws_regions_aliases_eu-west-1_us-east-1.json";
        Path copy = write(tmp, "copy.json", text(name).replace("eu-west-1", "ap-south-1"));

        PlanComparison result = compare(plan(name), copy);

        assertThat(result).isInstanceOfSatisfying(PlanComparison.Different.class, different ->
                assertThat(different.differences()).flatExtracting(ResourceDifference::attributes)
                        .allSatisfy(a -> assertThat(a.approved()).containsAnyOf("eu-west-1", "(sensitive)"))
                        .extracting(AttributeDifference::path).contains("after.web_acl_arn", "after.access_log_settings[0].destination_arn"));
    }

    @Test
    void anUpdateIsComparedByTheAttributesItChangesOnly() throws Exception {
        // Every unchanged attribute of this update (ids, IPs, DNS names) differs per region; they are no part of the change.
        Path usEast = plan("infracost_update_us-east-1b_fmt0.2.json");
        Path elsewhere = write(tmp, "elsewhere.json", text(usEast.getFileName().toString())
                .replace("i-01ba2abb329c4eec0", "i-0fffffffffffffff0").replace("172.31.1.12", "10.0.0.7"));

        assertThat(compare(usEast, elsewhere)).isInstanceOf(PlanComparison.Identical.class);
    }

    @Test
    void twoRegionPlanThroughProviderAliasesComparesEqualWhenBothRegionsAreTokens() throws Exception {
        String name = "tfcompliance_two_aws_regions_aliases_eu-west-1_us-east-1.json";
        String swapped = text(name).replace("eu-west-1", "ap-south-1").replace("us-east-1", "us-west-2")
                .replace("740863752284", "999988887777");
        Path copy = write(tmp, "copy.json", swapped);
        PlanTokens original = PlanTokens.parse("region=eu-west-1,peer=us-east-1,account=740863752284");
        PlanTokens other = PlanTokens.parse("region=ap-south-1,peer=us-west-2,account=999988887777");

        assertThat(comparator.compare(new PlanFile(copy, other), List.of(new PlanFile(plan(name), original))))
                .isInstanceOf(PlanComparison.Identical.class);
        assertThat(new PlanFingerprinter(original).fingerprint(plan(name)).changes())
                .allSatisfy((key, digest) -> assertThat(key).doesNotContain("eu-west-1", "us-east-1"));
    }

    @Test
    void gcpZoneIsReplacedBeforeItsRegion() throws Exception {
        String name = "checkov_gcp_europe-west2_zone_us-central1-c.json";
        String moved = text(name).replace("us-central1-c", "asia-east1-b").replace("europe-west2-c", "europe-north1-a")
                .replace("europe-west2", "europe-north1");
        Path copy = write(tmp, "copy.json", moved);
        PlanTokens original = PlanTokens.parse("region=europe-west2,zones=europe-west2-c|us-central1-c");
        PlanTokens other = PlanTokens.parse("region=europe-north1,zones=europe-north1-a|asia-east1-b");

        assertThat(comparator.compare(new PlanFile(copy, other), List.of(new PlanFile(plan(name), original))))
                .isInstanceOf(PlanComparison.Identical.class);
    }

    @Test
    void theClosestApprovedPlanIsTheOneWithTheSmallestDiff() throws Exception {
        Path candidate = plan("tfcompliance_pairB_fmt0.2_us-west-2_renamed_lambdas.json");
        String near = text("tfcompliance_pairB_fmt0.2_us-west-2_renamed_lambdas.json")
                .replace("lambda_function_name_a", "lambda_function_name_z");
        Path nearPlan = write(tmp, "near.json", near);

        PlanComparison result = comparator.compare(new PlanFile(candidate, PlanTokens.none()), List.of(
                new PlanFile(plan("tfcompliance_pairB_fmt0.1_no_region.json"), PlanTokens.none()),
                new PlanFile(plan("tfjson_basic_plan.json"), PlanTokens.none()),
                new PlanFile(nearPlan, PlanTokens.none())));

        assertThat(result).isInstanceOfSatisfying(PlanComparison.Different.class, different -> {
            assertThat(different.closest().source()).isEqualTo(nearPlan.toString());
            assertThat(different.differences()).singleElement().satisfies(d -> assertThat(d.attributes())
                    .containsExactly(new AttributeDifference("after.function_name", "\"lambda_function_name_z\"", "\"lambda_function_name_a\"")));
        });
    }

    @Test
    void addedAndRemovedResourcesAreListedWithTheirAttributes() throws Exception {
        PlanComparison result = compare(plan("opentofu_showjson_basic-create.json"), plan("opentofu_showjson_basic-delete.json"));

        assertThat(result).isInstanceOfSatisfying(PlanComparison.Different.class, different ->
                assertThat(different.differences()).extracting(ResourceDifference::kind)
                        .contains(ResourceDifference.Kind.ADDED, ResourceDifference.Kind.REMOVED));
    }

    @Test
    void driftIsKeptApartFromTheFingerprint() throws Exception {
        String name = "infracost_update_us-east-1b_fmt0.2.json";
        PlanDigest original = new PlanFingerprinter(PlanTokens.none()).fingerprint(plan(name));
        String text = text(name);
        // Change a value inside the drift section only.
        String edited = replaceFirstAfter(text, "\"resource_drift\"", "\"t3.micro\"", "\"t3.nano\"");
        assertThat(text.indexOf("\"resource_drift\"")).isLessThan(text.indexOf("\"resource_changes\""));
        assertThat(edited).isNotEqualTo(text);
        PlanDigest driftEdited = new PlanFingerprinter(PlanTokens.none()).fingerprint(write(tmp, "drift.json", edited));

        assertThat(original.drift()).containsOnlyKeys("aws_instance.web_app_1");
        assertThat(driftEdited.fingerprint()).isEqualTo(original.fingerprint());
        assertThat(driftEdited.drift()).isNotEqualTo(original.drift());
    }

    @Test
    void noOpChangesAreNoise() throws Exception {
        PlanDigest digest = new PlanFingerprinter(PlanTokens.none()).fingerprint(plan("tfcompliance_update_noop_datadog_monitors.json"));

        assertThat(digest.changes()).allSatisfy((key, d) -> assertThat(key).startsWith("datadog_monitor"));
        // Its one resource change and its one output change are both no-ops.
        assertThat(new PlanFingerprinter(PlanTokens.none()).fingerprint(plan("opentofu_showjson_basic-update.json")).changes())
                .isEmpty();
    }

    static List<Path> everyPlan() {
        return TerraformFixtures.allPlans();
    }

    @ParameterizedTest
    @MethodSource("everyPlan")
    void everyRecordedPlanIsReadAndComparesEqualToItself(Path plan) throws Exception {
        PlanComparison result = comparator.compare(new PlanFile(plan, PlanTokens.none()), List.of(new PlanFile(plan, PlanTokens.none())));

        assertThat(result).isInstanceOf(PlanComparison.Identical.class);
        assertThat(result.candidate().fingerprint()).matches("tfplan1:[0-9a-f]{64}");
        assertThat(result.candidate().formatVersion()).matches("[01]\\.[0-9]+");
    }

    static String replaceFirstAfter(String text, String marker, String from, String to) {
        int at = text.indexOf(from, text.indexOf(marker));
        return text.substring(0, at) + to + text.substring(at + from.length());
    }

    static final PlanTokens US_EAST = PlanTokens.parse("region=us-east-1,zones=us-east-1b,account=111111111111");
    static final PlanTokens EU_WEST = PlanTokens.parse("region=eu-west-1,zones=eu-west-1a,account=222222222222");

    /** The same plan as planned in eu-west-1a for account 222222222222: zones first, they start with the region. */
    static String moveToEuWest(String usEastPlan) {
        return usEastPlan.replace("us-east-1b", "eu-west-1a").replace("us-east-1", "eu-west-1").replace("111111111111", "222222222222");
    }
}
