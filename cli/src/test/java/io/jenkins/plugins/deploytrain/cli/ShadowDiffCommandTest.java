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

/** shadow-diff on the example pairs (built from the recorded GitHub fixtures) and example rules. */
class ShadowDiffCommandTest {

    private static final Path EXAMPLES = Path.of(System.getProperty("user.dir")).resolveSibling("examples");
    private static final String PAIRS = EXAMPLES.resolve("shadow-pairs.jsonl").toString();
    private static final String RULES = EXAMPLES.resolve("shadow-rules.yaml").toString();

    private record Run(int exit, String out, String err) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = DeployTrainCommand.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void theExamplePassesWithItsRules() {
        Run run = run("shadow-diff", "--pairs", PAIRS, "--rules", RULES);

        assertThat(run.exit()).isZero();
        assertThat(run.out()).startsWith("shadow-diff PASSED\npairs: 8 compared: 1 equal, 7 equal after rules, 0 unexpected (0.00%)\n");
        assertThat(run.out()).contains("search-hit-order (unordered at /body/items)");
        assertThat(run.out()).doesNotContain("warnings:");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void expiredRulesFailTheVerdictWithTheirDiscrepanciesShown() {
        Run run = run("shadow-diff", "--pairs", PAIRS, "--rules", RULES, "--shadow-version", "2.1.0");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).startsWith("shadow-diff FAILED: 4 unexpected pairs, more than the 0 allowed\n");
        assertThat(run.out()).contains("         3  /headers/status\n");
        assertThat(run.out()).contains("shadow-rules.yaml:57: rule 'avatar-host' expired after version 2.0 (shadow version 2.1.0)");
        assertThat(run.out()).doesNotContain("0000000000000000000000000000000000000001");
    }

    @Test
    void aRateThresholdCanLetAFewUnexpectedPairsThrough() {
        assertThat(run("shadow-diff", "--pairs", PAIRS, "--rules", RULES, "--shadow-version", "2.1.0",
                "--max-unexpected-rate", "0.5").exit()).isZero();
        assertThat(run("shadow-diff", "--pairs", PAIRS, "--rules", RULES, "--shadow-version", "2.1.0",
                "--max-unexpected-rate", "0.49").exit()).isEqualTo(1);
        assertThat(run("shadow-diff", "--pairs", PAIRS, "--rules", RULES, "--shadow-version", "2.1.0",
                "--max-unexpected", "4").exit()).isZero();
    }

    @Test
    void jsonOutputIsTheVerdictDocument() throws Exception {
        Run run = run("shadow-diff", "--pairs", PAIRS, "--rules", RULES, "--format", "json", "--shadow-version", "2.1.0", "--samples", "1");

        JsonNode verdict = new ObjectMapper().readTree(run.out());
        assertThat(run.exit()).isEqualTo(1);
        assertThat(verdict.get("passed").asBoolean()).isFalse();
        assertThat(verdict.at("/pairs/total").asLong()).isEqualTo(8);
        assertThat(verdict.at("/pairs/unexpected").asLong()).isEqualTo(4);
        assertThat(verdict.get("samples")).hasSize(1);
        assertThat(verdict.at("/samples/0/request/headers/authorization").asText()).isEqualTo("<redacted>");
        assertThat(verdict.at("/topPaths/0/path").asText()).isEqualTo("/headers/status");
    }

    @Test
    void aBadRulesFileIsExitTwoWithEveryProblem(@TempDir Path dir) throws Exception {
        Path rules = dir.resolve("rules.yaml");
        Files.writeString(rules, "rules:\n  - path: /a\n    ignore: true\n  - path: b\n    pattern: '['\n    reason: x\n");

        Run run = run("shadow-diff", "--pairs", PAIRS, "--rules", rules.toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("shadow-diff: " + rules + ": 3 problems:\n"
                + "  rules.yaml:2:5: rules[0].reason: missing required field 'reason'\n"
                + "  rules.yaml:4:11: rules[1].path: invalid path 'b': a path must be a JSON pointer starting with '/'\n"
                + "  rules.yaml:5:14: rules[1].pattern: not a valid regular expression (Unclosed character class near index 0): '['\n");
    }

    @Test
    void badLinesAreCountedAndFailOnlyUnderAThreshold(@TempDir Path dir) throws Exception {
        Path pairs = dir.resolve("pairs.jsonl");
        Files.writeString(pairs, Files.readString(Path.of(PAIRS)) + "{not json}\n");

        Run lenient = run("shadow-diff", "--pairs", pairs.toString(), "--rules", RULES);
        Run strict = run("shadow-diff", "--pairs", pairs.toString(), "--rules", RULES, "--max-bad-lines", "0");

        assertThat(lenient.exit()).isZero();
        assertThat(lenient.out()).contains("; 1 bad line\n").contains("  line 9: not valid JSON at column 2: ");
        assertThat(strict.exit()).isEqualTo(1);
        assertThat(strict.out()).startsWith("shadow-diff FAILED: 1 bad lines, more than the 0 allowed");
    }

    @Test
    void missingFilesAndBadOptionsAreExitTwo(@TempDir Path dir) {
        Run noPairs = run("shadow-diff", "--pairs", dir.resolve("none.jsonl").toString(), "--rules", RULES);
        assertThat(noPairs.exit()).isEqualTo(2);
        assertThat(noPairs.err()).isEqualTo("shadow-diff: " + dir.resolve("none.jsonl") + ": no such file\n");

        Run noRules = run("shadow-diff", "--pairs", PAIRS, "--rules", dir.resolve("none.yaml").toString());
        assertThat(noRules.exit()).isEqualTo(2);
        assertThat(noRules.err()).isEqualTo("shadow-diff: " + dir.resolve("none.yaml") + ": 1 problem:\n  "
                + dir.resolve("none.yaml") + ": file not found\n");

        Run badRate = run("shadow-diff", "--pairs", PAIRS, "--rules", RULES, "--max-unexpected-rate", "1.5");
        assertThat(badRate.exit()).isEqualTo(2);
        assertThat(badRate.err()).isEqualTo("shadow-diff: max unexpected rate must be between 0 and 1, found 1.5\n");

        Run badFormat = run("shadow-diff", "--pairs", PAIRS, "--rules", RULES, "--format", "xml");
        assertThat(badFormat.exit()).isEqualTo(2);
        assertThat(badFormat.err()).contains("--format");

        Run missing = run("shadow-diff", "--pairs", PAIRS);
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("Missing required option: '--rules=FILE'");
    }

    @Test
    void anEmptyPairsFileFails(@TempDir Path dir) throws Exception {
        Path pairs = Files.writeString(dir.resolve("empty.jsonl"), "");
        Run run = run("shadow-diff", "--pairs", pairs.toString(), "--rules", RULES);
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).startsWith("shadow-diff FAILED: no pair was compared\n");
    }
}
