package io.jenkins.plugins.deploytrain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code deploy-train tf-compare} on the recorded plans: exit codes, text and JSON output, errors. */
class TfCompareCommandTest {

    private static final Path PLANS = Path.of(System.getProperty("deploytrain.fixtures"), "terraform");

    @TempDir
    Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = DeployTrainCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 1];
        all[0] = "tf-compare";
        System.arraycopy(args, 0, all, 1, args.length);
        return cli.execute(all);
    }

    private static String plan(String name) {
        return PLANS.resolve(name).toString();
    }

    @Test
    void identicalPlansExitZero() {
        int exit = run("--approved", plan("tfjson_110_basic_plan.json"), "--candidate", plan("tfjson_120_basic_plan.json"));

        assertThat(exit).isZero();
        assertThat(out.toString()).startsWith("identical: ").contains("tfplan1:");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void differentPlansExitOneWithTheDiffByAddressAndAttribute() {
        int exit = run("--approved", plan("tfcompliance_pairB_fmt0.1_no_region.json"),
                "--candidate", plan("tfcompliance_pairB_fmt0.2_us-west-2_renamed_lambdas.json"));

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString())
                .startsWith("different: ")
                .contains("~ aws_lambda_function.test_lambda1\n")
                .contains("    after.function_name: \"lambda_function_name1\" -> \"lambda_function_name_a\"\n");
    }

    @Test
    void jsonFormatIsMachineReadable() throws Exception {
        int exit = run("--format", "json", "--approved", plan("tfcompliance_pairB_fmt0.1_no_region.json"),
                "--candidate", plan("tfcompliance_pairB_fmt0.2_us-west-2_renamed_lambdas.json"));

        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(exit).isEqualTo(1);
        assertThat(json.path("result").asText()).isEqualTo("different");
        assertThat(json.path("approved").path("file").asText()).endsWith("tfcompliance_pairB_fmt0.1_no_region.json");
        assertThat(json.path("differences")).hasSize(10);
        JsonNode lambda = json.path("differences").get(6);
        assertThat(lambda.path("address").asText()).isEqualTo("aws_lambda_function.test_lambda1");
        assertThat(lambda.path("kind").asText()).isEqualTo("changed");
        assertThat(lambda.path("attributes").findValuesAsText("path")).contains("after.function_name");
    }

    @Test
    void tokensMakeAnotherRegionsPlanIdentical() throws Exception {
        String usEast = Files.readString(PLANS.resolve("infracost_update_us-east-1b_fmt0.2.json"));
        Path euWest = Files.writeString(tmp.resolve("eu-west-1.json"),
                usEast.replace("us-east-1b", "eu-west-1a").replace("us-east-1", "eu-west-1").replace("111111111111", "222222222222"));

        int exit = run("--approved", plan("infracost_update_us-east-1b_fmt0.2.json"),
                "--approved-tokens", "region=us-east-1,zones=us-east-1b,account=111111111111",
                "--candidate", euWest.toString(),
                "--tokens", "region=eu-west-1,zones=eu-west-1a,account=222222222222");

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).contains("drift (changed outside Terraform in the candidate's target; not compared): aws_instance.web_app_1");
    }

    @Test
    void malformedJsonExitsTwoNamingFileLineAndColumn() throws Exception {
        Path broken = Files.writeString(tmp.resolve("broken.json"), "{\n  \"format_version\": \"1.2\",\n  \"resource_changes\": [\n    {\"address\": \"a.b\" \"change\": {}}\n  ]\n}\n");

        int exit = run("--approved", plan("tfjson_basic_plan.json"), "--candidate", broken.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).startsWith("tf-compare: " + broken + ":4:23: not valid JSON: ").doesNotContain("Exception", "\tat ");
    }

    @Test
    void everyBadPlanIsReportedAtOnce() throws Exception {
        Path state = Files.writeString(tmp.resolve("state.json"), "{\"format_version\": \"1.0\", \"values\": {\"root_module\": {}}}");
        Path future = Files.writeString(tmp.resolve("future.json"), "{\"format_version\": \"2.0\", \"resource_changes\": []}");

        int exit = run("--approved", state.toString(), "--approved", future.toString(), "--candidate", tmp.resolve("missing.json").toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString().lines()).containsExactly(
                "tf-compare: " + tmp.resolve("missing.json") + ": no such file",
                "tf-compare: " + state + ": is a state (it has values but no planned_values or resource_changes), not a plan; run terraform show -json on a saved plan file",
                "tf-compare: " + future + ":1:20: format_version: '2.0' is not supported; this reader knows format versions 0.x and 1.x");
    }

    @Test
    void aDirectoryInsteadOfAPlanIsNamed() {
        int exit = run("--approved", tmp.toString(), "--candidate", plan("tfjson_basic_plan.json"));

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).startsWith("tf-compare: " + tmp + ": cannot read: ");
    }

    @Test
    void badTokensExitTwo() {
        int exit = run("--approved", plan("tfjson_basic_plan.json"), "--candidate", plan("tfjson_basic_plan.json"),
                "--tokens", "env=prod,region", "--approved-tokens", "env=p");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString().lines()).containsExactly(
                "tf-compare: --tokens: token spec 'env=prod,region': 'region' is not name=value",
                "tf-compare: --approved-tokens: token spec 'env=p': env value 'p' is shorter than 2 characters");
    }

    @Test
    void approvedTokensMustBeGivenOnceOrOncePerApprovedPlan() {
        int exit = run("--approved", plan("tfjson_basic_plan.json"), "--candidate", plan("tfjson_basic_plan.json"),
                "--approved-tokens", "env=prod", "--approved-tokens", "env=stage");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("--approved-tokens is given 2 times for 1 --approved plans");
    }

    @Test
    void aMissingOptionIsAUsageErrorWithExitTwo() {
        assertThat(run("--candidate", plan("tfjson_basic_plan.json"))).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required option: '--approved=PLAN.json'");
    }

    @Test
    void aSensitiveValueNeverReachesTheOutput() throws Exception {
        String secret = "hunter2-Sup3rS3cret";
        String approvedText = Files.readString(PLANS.resolve("opentofu_showjson_sensitive-values.json"));
        Path candidate = Files.writeString(tmp.resolve("candidate.json"), approvedText.replace("boop", secret));
        // A second secret placed in a JSON syntax error: the error must not quote it either.
        Path broken = Files.writeString(tmp.resolve("broken.json"), "{\"format_version\": \"1.0\", \"x\": " + secret + "}");

        for (String format : new String[] {"text", "json"}) {
            assertThat(run("--format", format, "--approved", plan("opentofu_showjson_sensitive-values.json"), "--candidate", candidate.toString()))
                    .isEqualTo(1);
        }
        assertThat(run("--approved", plan("opentofu_showjson_sensitive-values.json"), "--candidate", broken.toString())).isEqualTo(2);

        assertThat(out.toString()).contains("(sensitive, a different value)").doesNotContain(secret, "hunter2", "boop");
        assertThat(err.toString()).contains("not valid JSON").doesNotContain(secret, "hunter2");
    }
}
