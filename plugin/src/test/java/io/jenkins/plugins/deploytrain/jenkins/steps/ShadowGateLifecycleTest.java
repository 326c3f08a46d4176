package io.jenkins.plugins.deploytrain.jenkins.steps;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import hudson.ProxyConfiguration;
import hudson.model.Result;
import hudson.model.TaskListener;
import hudson.security.ACL;
import hudson.security.ACLContext;
import hudson.util.StreamTaskListener;
import io.jenkins.plugins.deploytrain.jenkins.config.DeployTrainGlobalConfiguration;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.steps.BodyInvoker;
import org.jenkinsci.plugins.workflow.steps.FlowInterruptedException;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.BuildWatcherExtension;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * How a shadow gate lives and ends: a Prometheus source needs no workspace (so no executor is held while it
 * watches), asks through Jenkins' proxy with one HTTP client for the whole window, and stops looking on every end
 * path: a stop, a hard kill, and a stop that arrives before the start.
 */
@WithJenkins
class ShadowGateLifecycleTest {

    @RegisterExtension
    static final BuildWatcherExtension BUILD_WATCHER = new BuildWatcherExtension();

    /** The looks of a window of 30 s or less are {@code ObservationWindow}'s shortest interval apart. */
    private static final long INTERVAL_MILLIS = 5_000;

    private JenkinsRule r;
    private WorkflowJob p;

    @BeforeEach
    void setUp(JenkinsRule r) throws Exception {
        this.r = r;
        p = r.createProject(WorkflowJob.class, "shadow");
    }

    /** Compared and differing both read 0.13 (two regions): within {@code maxUnexpected: 1}, so the window passes. */
    private static PrometheusReplay cleanShadow() throws Exception {
        return PrometheusReplay.answering(
                PrometheusReplay.COMPARED, "prometheus_api_v1_query_vector.json",
                PrometheusReplay.DIFFERING, "prometheus_api_v1_query_by_region.json");
    }

    @Test
    void aPrometheusGateOutsideNodeAsksThroughTheProxyWithOneClientForTheWholeWindow() throws Exception {
        try (PrometheusReplay proxy = cleanShadow()) {
            // no resolver knows this host: only Jenkins' proxy (Manage Jenkins > System) reaches it
            DeployTrainGlobalConfiguration.get().setPrometheusUrl("http://prometheus.invalid:9090");
            r.jenkins.setProxy(new ProxyConfiguration("127.0.0.1", proxy.port()));
            p.setDefinition(new CpsFlowDefinition(
                    proxy.gate("duration: '7s', maxUnexpected: 1") + "\necho 'after the gate'", true));

            WorkflowRun b = p.scheduleBuild2(0).waitForStart();
            r.waitForMessage("shadowGate: watching Prometheus: ", b);
            assertThat("no executor is held while the gate watches", r.jenkins.toComputer().countBusy(), is(0));

            r.assertBuildStatusSuccess(r.waitForCompletion(b));
            r.assertLogContains("after the gate", b);
            List<PrometheusReplay.Request> requests = proxy.requests();
            assertThat("two looks at least, two queries each", requests.size(), greaterThanOrEqualTo(4));
            assertThat(
                    requests.stream().map(PrometheusReplay.Request::target).toList(),
                    everyItem(startsWith("http://prometheus.invalid:9090/api/v1/query")));
            assertThat(
                    "one client per gate: every look reuses its connection",
                    requests.stream()
                            .map(PrometheusReplay.Request::clientPort)
                            .distinct()
                            .count(),
                    is(1L));
        }
    }

    @Test
    void aLookRunsOnThePluginsPoolNeverOnJenkinsSharedTimer() throws Exception {
        try (PrometheusReplay prometheus = cleanShadow()) {
            DeployTrainGlobalConfiguration.get().setPrometheusUrl(prometheus.url());
            prometheus.holdAnswers();
            p.setDefinition(new CpsFlowDefinition(prometheus.gate("duration: '6s', maxUnexpected: 1"), true));
            WorkflowRun b = p.scheduleBuild2(0).waitForStart();
            long deadline = System.currentTimeMillis() + 30_000;
            while (prometheus.requests().isEmpty() && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }

            List<String> looking = threadsIn("look");
            prometheus.release();

            assertThat("a look waits for Prometheus's answer", looking, is(not(empty())));
            assertThat(looking, everyItem(startsWith("Deploy Train blocking work")));
            r.assertBuildStatusSuccess(r.waitForCompletion(b));
        }
    }

    /** The names of the threads that are inside that method of the gate's execution right now. */
    private static List<String> threadsIn(String method) {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(thread -> Arrays.stream(thread.getValue())
                        .anyMatch(frame -> frame.getClassName().equals(ShadowGateStepExecution.class.getName())
                                && frame.getMethodName().equals(method)))
                .map(thread -> thread.getKey().getName())
                .toList();
    }

    @Test
    void recordedPairsOutsideNodeAreRefusedWithWhereToCallTheGate() throws Exception {
        p.setDefinition(new CpsFlowDefinition(
                "shadowGate(pairs: 'shadow-pairs.jsonl', rules: 'shadow-rules.yaml', duration: '1h')", true));

        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, p);

        r.assertLogContains(
                "shadowGate: pairs: (shadow-pairs.jsonl) are read from the workspace: call shadowGate inside node { }", b);
    }

    @Test
    void aStoppedGateLooksNoMore() throws Exception {
        try (PrometheusReplay prometheus = cleanShadow()) {
            WorkflowRun b = watching(prometheus);

            try (ACLContext system = ACL.as2(ACL.SYSTEM2)) {
                b.doStop();
            }

            r.assertBuildStatus(Result.ABORTED, r.waitForCompletion(b));
            assertNoLookAfter(prometheus);
        }
    }

    @Test
    void aHardKilledBuildsGateLooksNoMore() throws Exception {
        try (PrometheusReplay prometheus = cleanShadow()) {
            WorkflowRun b = watching(prometheus);

            try (ACLContext system = ACL.as2(ACL.SYSTEM2)) {
                b.doKill(); // ends the build without stopping its steps
            }

            r.assertBuildStatus(Result.ABORTED, r.waitForCompletion(b));
            assertNoLookAfter(prometheus);
        }
    }

    @Test
    void aStopBeforeTheStartWinsAndNothingIsWatched() throws Exception {
        try (PrometheusReplay prometheus = cleanShadow()) {
            DeployTrainGlobalConfiguration.get().setPrometheusUrl(prometheus.url());
            ShadowGateStep step = new ShadowGateStep();
            step.setPrometheus(PrometheusReplay.DIFFERING);
            step.setComparedQuery(PrometheusReplay.COMPARED);
            step.setDuration("30s");
            RecordingContext context = new RecordingContext();
            ShadowGateStepExecution execution = new ShadowGateStepExecution(context, ShadowGateSettings.of(step));

            execution.stop(new FlowInterruptedException(Result.ABORTED, true));
            assertThat("the step stays asynchronous", execution.start(), is(false));

            Thread.sleep(INTERVAL_MILLIS + 1_000);
            assertThat(context.failures.get(), is(1));
            assertThat(context.successes.get(), is(0));
            assertThat("no look was taken", prometheus.requests().size(), is(0));
            assertThat(context.log(), is(""));
        }
    }

    /** A build whose gate watches the replay for 30 s, once its first look is logged. */
    private WorkflowRun watching(PrometheusReplay prometheus) throws Exception {
        DeployTrainGlobalConfiguration.get().setPrometheusUrl(prometheus.url());
        p.setDefinition(new CpsFlowDefinition(prometheus.gate("duration: '30s', maxUnexpected: 1"), true));
        WorkflowRun b = p.scheduleBuild2(0).waitForStart();
        r.waitForMessage("; watching until", b);
        return b;
    }

    /** A look in flight when the gate ended may still arrive; none after it, over two intervals. */
    private static void assertNoLookAfter(PrometheusReplay prometheus) throws InterruptedException {
        Thread.sleep(1_000);
        int atTheEnd = prometheus.requests().size();
        Thread.sleep(2 * INTERVAL_MILLIS);
        assertThat("no look after the gate ended", prometheus.requests().size(), is(atTheEnd));
    }

    /** A step context outside any build: it only records how the step ended and what it logged. */
    private static final class RecordingContext extends StepContext {

        private static final long serialVersionUID = 1L;

        final AtomicInteger successes = new AtomicInteger();
        final AtomicInteger failures = new AtomicInteger();
        private final transient ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final transient TaskListener listener = new StreamTaskListener(out, StandardCharsets.UTF_8);

        String log() {
            return out.toString(StandardCharsets.UTF_8);
        }

        @Override
        public <T> T get(Class<T> key) {
            return key == TaskListener.class ? key.cast(listener) : null;
        }

        @Override
        public void onSuccess(Object result) {
            successes.incrementAndGet();
        }

        @Override
        public void onFailure(Throwable t) {
            failures.incrementAndGet();
        }

        @Override
        public boolean isReady() {
            return successes.get() + failures.get() > 0;
        }

        @Override
        public ListenableFuture<Void> saveState() {
            return Futures.immediateFuture(null);
        }

        @Override
        public void setResult(Result r) {}

        @Override
        public BodyInvoker newBodyInvoker() {
            throw new IllegalStateException("shadowGate takes no body");
        }

        @Override
        public boolean equals(Object o) {
            return o == this;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }
    }
}
