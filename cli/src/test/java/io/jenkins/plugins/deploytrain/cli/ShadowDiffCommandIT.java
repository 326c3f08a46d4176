package io.jenkins.plugins.deploytrain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The packaged jar as a user runs it: the exit code is the process's. */
class ShadowDiffCommandIT {

    private static final Path MODULE = Path.of(System.getProperty("user.dir"));
    private static final Path JAR = MODULE.resolve("target/deploy-train.jar");
    private static final Path EXAMPLES = MODULE.resolveSibling("examples");

    private record Exit(int code, String out, String err) {}

    private static Exit run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Exit(process.exitValue(), out, err);
    }

    @Test
    void exitCodesOfTheRealProcess() throws Exception {
        String pairs = EXAMPLES.resolve("shadow-pairs.jsonl").toString();
        String rules = EXAMPLES.resolve("shadow-rules.yaml").toString();

        Exit pass = run("shadow-diff", "--pairs", pairs, "--rules", rules);
        Exit fail = run("shadow-diff", "--pairs", pairs, "--rules", rules, "--shadow-version", "2.1.0");
        Exit bad = run("shadow-diff", "--pairs", pairs, "--rules", pairs);

        assertThat(pass.code()).as(pass.err()).isZero();
        assertThat(pass.out()).startsWith("shadow-diff PASSED");
        assertThat(fail.code()).isEqualTo(1);
        assertThat(fail.out()).startsWith("shadow-diff FAILED");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).startsWith("shadow-diff: " + pairs + ": 1 problem:\n  shadow-pairs.jsonl:2:1: not valid YAML").doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(bad.out()).isEmpty();
    }
}
