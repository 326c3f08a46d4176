package io.jenkins.plugins.deploytrain.cli;

import io.jenkins.plugins.deploytrain.terraform.PlanComparator;
import io.jenkins.plugins.deploytrain.terraform.PlanComparison;
import io.jenkins.plugins.deploytrain.terraform.PlanFile;
import io.jenkins.plugins.deploytrain.terraform.PlanFormatException;
import io.jenkins.plugins.deploytrain.terraform.PlanProblem;
import io.jenkins.plugins.deploytrain.terraform.PlanTokens;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code deploy-train tf-compare}: is a candidate plan the same change as an approved plan, once
 * each target's own names are set aside? Exit 0 identical, 1 different (diff printed), 2 bad input.
 */
@Command(
        name = "tf-compare",
        mixinStandardHelpOptions = true,
        description = {
            "Compares a Terraform/OpenTofu plan (terraform show -json) with approved plans, ignoring each target's "
                    + "environment, region, zones, account and extra tokens. Sensitive values are compared by hash and never shown.",
            "Exit status: 0 identical to an approved plan, 1 different (the diff against the closest approved plan is printed), 2 bad input."
        })
final class TfCompareCommand implements Callable<Integer> {

    static final int IDENTICAL = 0;
    static final int DIFFERENT = 1;
    static final int BAD_INPUT = 2;

    enum Format { TEXT, JSON }

    @Option(names = "--approved", required = true, paramLabel = "PLAN.json",
            description = "An approved plan (repeat for several; the closest one is diffed).")
    List<Path> approved;

    @Option(names = "--candidate", required = true, paramLabel = "PLAN.json", description = "The plan to check.")
    Path candidate;

    @Option(names = "--tokens", paramLabel = "SPEC",
            description = "The candidate target's tokens: env=prod,region=us-east-1,zones=us-east-1a|us-east-1b,account=123456789012[,name=value...]")
    String tokens;

    @Option(names = "--approved-tokens", paramLabel = "SPEC",
            description = "The approved plans' tokens: once for all of them, or once per --approved in the same order. Default: the candidate's.")
    List<String> approvedTokens = new ArrayList<>();

    @Option(names = "--format", defaultValue = "text", paramLabel = "text|json", description = "Output format (default: ${DEFAULT-VALUE}).")
    Format format;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<String> problems = new ArrayList<>();
        PlanTokens candidateTokens = parseTokens("--tokens", tokens, problems);
        List<PlanTokens> approvedTokenList = new ArrayList<>();
        for (String tokenSpec : approvedTokens) {
            approvedTokenList.add(parseTokens("--approved-tokens", tokenSpec, problems));
        }
        if (approvedTokenList.size() > 1 && approvedTokenList.size() != approved.size()) {
            problems.add("--approved-tokens is given " + approvedTokenList.size() + " times for " + approved.size()
                    + " --approved plans; give it once for all of them or once per plan");
        }
        if (!problems.isEmpty()) {
            problems.forEach(p -> err.println("tf-compare: " + p));
            return BAD_INPUT;
        }
        List<PlanFile> approvedPlans = new ArrayList<>();
        for (int i = 0; i < approved.size(); i++) {
            PlanTokens forPlan = approvedTokenList.isEmpty() ? candidateTokens
                    : approvedTokenList.get(approvedTokenList.size() == 1 ? 0 : i);
            approvedPlans.add(new PlanFile(approved.get(i), forPlan));
        }
        try {
            PlanComparison result = new PlanComparator().compare(new PlanFile(candidate, candidateTokens), approvedPlans);
            out.print(format == Format.JSON ? TfCompareReport.json(result) : TfCompareReport.text(result));
            out.flush();
            return result instanceof PlanComparison.Identical ? IDENTICAL : DIFFERENT;
        } catch (PlanFormatException e) {
            for (PlanProblem problem : e.problems()) {
                err.println("tf-compare: " + problem);
            }
            return BAD_INPUT;
        } catch (IOException e) {
            err.println("tf-compare: cannot read a plan: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
            return BAD_INPUT;
        } catch (OutOfMemoryError e) {
            // Exit 1 would say "different" and picocli would print a stack trace: say what happened instead.
            err.println("tf-compare: out of memory: the plans hold more changes than this heap can hash; raise it with -Xmx");
            return BAD_INPUT;
        }
    }

    private static PlanTokens parseTokens(String option, String spec, List<String> problems) {
        if (spec == null) {
            return PlanTokens.none();
        }
        try {
            return PlanTokens.parse(spec);
        } catch (IllegalArgumentException e) {
            problems.add(option + ": " + e.getMessage());
            return PlanTokens.none();
        }
    }
}
