package io.jenkins.plugins.deploytrain.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.deploytrain.config.ConfigException;
import io.jenkins.plugins.deploytrain.shadow.ActiveRules;
import io.jenkins.plugins.deploytrain.shadow.RulesFile;
import io.jenkins.plugins.deploytrain.shadow.ShadowComparison;
import io.jenkins.plugins.deploytrain.shadow.ShadowVerdict;
import io.jenkins.plugins.deploytrain.shadow.Thresholds;
import io.jenkins.plugins.deploytrain.shadow.VerdictJson;
import io.jenkins.plugins.deploytrain.shadow.VerdictText;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code deploy-train shadow-diff}: the shadow gate's verdict over a file of recorded pairs. */
@Command(
        name = "shadow-diff",
        mixinStandardHelpOptions = true,
        description = {
            "Compares the primary's and the shadow's answers to the same requests, recorded as JSON Lines",
            "({\"request\": ..., \"primary\": ..., \"shadow\": ...} per line, .gz accepted), accepting the known",
            "discrepancies of a rules file, and gives a verdict. See docs/shadow.md."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the verdict passed",
            "1:the verdict failed (too many unexpected pairs or bad lines, or no pair at all)",
            "2:bad input (options, rules file, unreadable pairs file)"
        })
final class ShadowDiffCommand implements Callable<Integer> {

    static final int PASSED = 0;
    static final int FAILED = 1;
    static final int BAD_INPUT = 2;

    enum Format { text, json }

    @Spec
    CommandSpec spec;

    @Option(names = "--pairs", required = true, paramLabel = "FILE", description = "Recorded pairs, JSON Lines.")
    Path pairs;

    @Option(names = "--rules", required = true, paramLabel = "FILE", description = "Known-discrepancy rules, YAML.")
    Path rules;

    @Option(names = "--format", defaultValue = "text", paramLabel = "text|json", description = "Output format (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--max-unexpected", paramLabel = "N",
            description = "Most unexpected pairs that still pass (default 0 when no rate is given).")
    Long maxUnexpected;

    @Option(names = "--max-unexpected-rate", paramLabel = "R", description = "Highest share of unexpected pairs that still passes, 0 to 1.")
    Double maxUnexpectedRate;

    @Option(names = "--max-bad-lines", paramLabel = "N", description = "Most unreadable lines that still pass (default: any number).")
    Long maxBadLines;

    @Option(names = "--shadow-version", paramLabel = "VERSION",
            description = "Version the shadow runs; rules whose 'expires' is older no longer apply.")
    String shadowVersion;

    @Option(names = "--samples", defaultValue = "5", paramLabel = "N", description = "Unexpected pairs to show (default: ${DEFAULT-VALUE}).")
    int samples;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Thresholds thresholds;
        try {
            thresholds = new Thresholds(
                    maxUnexpected == null ? OptionalLong.empty() : OptionalLong.of(maxUnexpected),
                    maxUnexpectedRate == null ? OptionalDouble.empty() : OptionalDouble.of(maxUnexpectedRate),
                    maxBadLines == null ? OptionalLong.empty() : OptionalLong.of(maxBadLines));
            if (samples < 0) {
                throw new IllegalArgumentException("--samples must be 0 or more, found " + samples);
            }
        } catch (IllegalArgumentException e) {
            err.println("shadow-diff: " + e.getMessage());
            return BAD_INPUT;
        }
        ActiveRules active;
        try {
            active = RulesFile.load(rules).activeFor(Optional.ofNullable(shadowVersion));
        } catch (ConfigException e) {
            err.println("shadow-diff: " + rules + ": " + e.getMessage());
            return BAD_INPUT;
        }
        if (!Files.isRegularFile(pairs)) {
            err.println("shadow-diff: " + pairs + ": " + (Files.exists(pairs) ? "not a regular file" : "no such file"));
            return BAD_INPUT;
        }
        ShadowVerdict verdict;
        try {
            verdict = ShadowComparison.ofRecordedPairs(pairs, active, thresholds, samples);
        } catch (IOException e) {
            err.println("shadow-diff: " + pairs + ": cannot be read: " + e.getMessage());
            return BAD_INPUT;
        }
        if (format == Format.json) {
            try {
                out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(VerdictJson.of(verdict)));
            } catch (IOException e) {
                err.println("shadow-diff: cannot write the verdict: " + e.getMessage());
                return BAD_INPUT;
            }
        } else {
            out.print(VerdictText.of(verdict));
        }
        out.flush();
        return verdict.passed() ? PASSED : FAILED;
    }
}
