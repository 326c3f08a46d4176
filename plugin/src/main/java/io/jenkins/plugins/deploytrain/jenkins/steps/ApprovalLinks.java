package io.jenkins.plugins.deploytrain.jenkins.steps;

import hudson.console.HyperlinkNote;
import io.jenkins.plugins.deploytrain.reconcile.Command;
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
