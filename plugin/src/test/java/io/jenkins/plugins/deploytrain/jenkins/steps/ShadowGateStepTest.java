package io.jenkins.plugins.deploytrain.jenkins.steps;

import hudson.FilePath;
import hudson.model.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The gate over the repository's recorded example: real GitHub API answers from the primary and a shadow. */
@WithJenkins
class ShadowGateStepTest {

    /** The plugin module's tests run from {@code plugin/}; the examples are the repository's. */
    private static final Path EXAMPLES = Path.of("..", "examples");

    private JenkinsRule r;
    private WorkflowJob p;

    @BeforeEach
    void setUp(JenkinsRule r) throws Exception {
        this.r = r;
        p = r.createProject(WorkflowJob.class, "shadow");
        FilePath workspace = r.jenkins.getWorkspaceFor(p);
        workspace.child("shadow-pairs.jsonl").write(Files.readString(EXAMPLES.resolve("shadow-pairs.jsonl")), "UTF-8");
        workspace.child("shadow-rules.yaml").write(Files.readString(EXAMPLES.resolve("shadow-rules.yaml")), "UTF-8");
        workspace.child("no-rules.yaml").write("rules: []\n", "UTF-8");
    }

    @Test
    void passesWhenEveryDifferenceIsAKnownOne() throws Exception {
        p.setDefinition(new CpsFlowDefinition(
                "node { shadowGate(pairs: 'shadow-pairs.jsonl', rules: 'shadow-rules.yaml'); echo 'after the gate' }",
                true));

        WorkflowRun b = r.buildAndAssertSuccess(p);

        r.assertLogContains("shadow-diff PASSED", b);
        r.assertLogContains("8 compared: 1 equal, 7 equal after rules, 0 unexpected", b);
        r.assertLogContains("after the gate", b);
    }

    @Test
    void failsWithTheTopUnexpectedDifferences() throws Exception {
        p.setDefinition(new CpsFlowDefinition(
                "node { shadowGate(pairs: 'shadow-pairs.jsonl', rules: 'no-rules.yaml'); echo 'after the gate' }",
                true));

        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, p);

        r.assertLogContains("shadowGate: the shadow differs from the primary in shadow-pairs.jsonl", b);
        r.assertLogContains("7 unexpected pairs, more than the 0 allowed", b);
        r.assertLogContains("/headers/access-control-expose-headers", b);
        r.assertLogNotContains("after the gate", b);
    }

    @Test
    void aToleranceOfUnexpectedPairsLetsThemPass() throws Exception {
        p.setDefinition(new CpsFlowDefinition(
                "node { shadowGate(pairs: 'shadow-pairs.jsonl', rules: 'no-rules.yaml', maxUnexpected: 7) }", true));

        r.buildAndAssertSuccess(p);
    }

    @Test
    void aMissingRulesFileIsNamed() throws Exception {
        p.setDefinition(new CpsFlowDefinition(
                "node { shadowGate(pairs: 'shadow-pairs.jsonl', rules: 'rules/missing.yaml') }", true));

        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, p);

        r.assertLogContains("shadowGate: rules/missing.yaml does not exist in the workspace", b);
    }
}
