package io.jenkins.plugins.deploytrain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged {@code deploy-train} jar, run as a process: what a Jenkins sh step sees. */
class TfCompareIT {

    private static final Path PLANS = Path.of(System.getProperty("deploytrain.fixtures"), "terraform");
    private static final Path JAR = Path.of("target", "deploy-train.jar");

    @TempDir
    Path tmp;

    private record Run(int exit, String out, String err) {}

    private Run run(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString(), "tf-compare"));
        command.addAll(List.of(args));
        Path out = tmp.resolve("out.txt");
        Path err = tmp.resolve("err.txt");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    private static String plan(String name) {
        return PLANS.resolve(name).toString();
    }

    @Test
    void exitStatusTellsIdenticalDifferentAndBadInput() throws Exception {
        assertThat(JAR.toFile()).as("package the cli first").exists();

        Run identical = run("--approved", plan("tfcompliance_pairA_tf0.12.18.json"), "--candidate", plan("tfcompliance_pairA_tf0.12.20_same_changes.json"));
        Run different = run("--approved", plan("tfcompliance_pairB_fmt0.1_no_region.json"),
                "--candidate", plan("tfcompliance_pairB_fmt0.2_us-west-2_renamed_lambdas.json"), "--format", "json");
        Run bad = run("--approved", plan("SOURCES.md"), "--candidate", plan("tfjson_basic_plan.json"));

        assertThat(identical.exit()).as(identical.err()).isZero();
        assertThat(identical.out()).startsWith("identical: ");
        assertThat(different.exit()).as(different.err()).isEqualTo(1);
        assertThat(different.out()).contains("\"result\" : \"different\"", "\"path\" : \"after.function_name\"");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.out()).isEmpty();
        assertThat(bad.err()).startsWith("tf-compare: " + PLANS.resolve("SOURCES.md") + ":1:").contains("not valid JSON").doesNotContain("\tat ");
    }
}
