package io.jenkins.plugins.deploytrain.jenkins.steps;

import hudson.console.HyperlinkNote;
import hudson.model.Run;
import io.jenkins.plugins.deploytrain.jenkins.state.JobLedgerStore;
import io.jenkins.plugins.deploytrain.jenkins.state.TrainRunAction;
import io.jenkins.plugins.deploytrain.reconcile.Command;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;
import org.jenkinsci.plugins.workflow.support.steps.input.POSTHyperlinkNote;

/**
 * The console line of a train waiting for a person: one link per choice, each a POST (with the crumb, like the
 * {@code input} step's links) to the approval endpoint of this train's own page, naming the train, so a link
 * can never act on another train of the same build.
 */
final class ApprovalLinks {
    private ApprovalLinks() {}

    /** Prints the question of {@code run}'s train; for a terraform target waiting with its plan, the plan too. */
    static void print(Run<?, ?> run, String trainId, Command.AwaitApproval ask, boolean terraform, PrintStream log)
            throws IOException {
        String page = TrainRunAction.of(run, trainId)
                .map(a -> "/" + run.getUrl() + a.getUrlName() + "/")
                .orElse("/" + run.getUrl() + "deploy-train/");
        log.println(line(ask, page, trainId));
        if (terraform && ask.target() != null) {
            PlanReviewPrinter.print(JobLedgerStore.of(run.getParent()).load(), trainId, ask.target(), log);
        }
    }

    /**
     * @param page the train's page, from the root: {@code /job/x/12/deploy-train/}
     */
    static String line(Command.AwaitApproval ask, String page, String trainId) {
        String train = "&train=" + URLEncoder.encode(trainId, StandardCharsets.UTF_8);
        String target =
                ask.target() == null ? "" : "&target=" + URLEncoder.encode(ask.target(), StandardCharsets.UTF_8);
        String links = ask.choices().stream()
                .map(c -> POSTHyperlinkNote.encodeTo(
                        page + "approve?action=" + URLEncoder.encode(c.json(), StandardCharsets.UTF_8) + train
                                + target,
                        c.json()))
                .collect(Collectors.joining(" "));
        return Messages.DeployTrainStep_awaitingChoices(
                trainId, ask.reason(), links, HyperlinkNote.encodeTo(page, "the page of train " + trainId));
    }
}
