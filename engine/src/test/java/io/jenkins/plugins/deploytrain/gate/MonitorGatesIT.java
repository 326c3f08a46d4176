package io.jenkins.plugins.deploytrain.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jenkins.plugins.deploytrain.testing.PrometheusStack;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Gates and silences against a real Prometheus 2.42 and Alertmanager 0.25 started by the test. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MonitorGatesIT {

    @RegisterExtension
    static final PrometheusStack STACK = new PrometheusStack();

    private static PrometheusClient prometheus;
    private static AlertmanagerClient alertmanager;
    private static GateEvaluator evaluator;
    private static Silencer silencer;

    private record Target(String environment, String zone, String region) {
        Map<String, String> variables() {
            return Map.of("TRAIN_ENVIRONMENT", environment, "TRAIN_ZONE", zone, "TRAIN_REGION", region);
        }

        @Override
        public String toString() {
            return environment + "/" + zone;
        }
    }

    @BeforeEach
    void clients() {
        prometheus = new PrometheusClient(STACK.prometheus(), Duration.ofSeconds(5));
        alertmanager = new AlertmanagerClient(STACK.alertmanager(), Duration.ofSeconds(5));
        evaluator = new GateEvaluator(Optional.of(prometheus), Optional.of(alertmanager), Optional.empty());
        silencer = new Silencer(Optional.of(alertmanager), Optional.empty());
    }

    @Test
    @Order(1)
    void aQueryGatePassesWhileTheMetricIsGoodAndFailsWithItsLabelsWhenItGoesBad() {
        var gate = new GateSpec.PrometheusQuery("errors",
                "deploy_error_ratio{environment=\"${TRAIN_ENVIRONMENT}\", zone=\"${TRAIN_ZONE}\"} > 0.05", Duration.ZERO, null);
        var target = new Target("qa-aws-eu-west-1", "eu-west-1a", "eu-west-1");
        STACK.errorRatio(target.environment(), target.zone(), 0.01);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(((QueryResult.Vector) prometheus.query("deploy_error_ratio{environment=\"qa-aws-eu-west-1\"}", Instant.now()))
                        .samples()).isNotEmpty());
        assertThat(evaluator.evaluate(gate, context(target)).status()).isEqualTo(GateResult.Status.PASSED);

        STACK.errorRatio(target.environment(), target.zone(), 0.5);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            GateResult r = evaluator.evaluate(gate, context(target));
            assertThat(r.status()).isEqualTo(GateResult.Status.FAILED);
            assertThat(r.signals()).singleElement().satisfies(s -> {
                assertThat(s.labels()).containsEntry("environment", "qa-aws-eu-west-1").containsEntry("zone", "eu-west-1a");
                assertThat(s.detail()).isEqualTo("= 0.5");
            });
        });
        STACK.errorRatio(target.environment(), target.zone(), 0.0);
    }

    @Test
    @Order(2)
    void aHostileTargetValueIsJustAnotherLabelValueToTheRealParser() {
        var gate = new GateSpec.PrometheusQuery("errors",
                "deploy_error_ratio{environment=\"${TRAIN_ENVIRONMENT}\", zone=~\"${TRAIN_ZONE}\"} > 0.05", Duration.ZERO, null);
        var hostile = new Target("x\"} or vector(1) or up{job=\"\\", ".*", "r");
        GateResult r = evaluator.evaluate(gate, context(hostile));
        assertThat(r.status()).as(r.reason()).isEqualTo(GateResult.Status.PASSED);
    }

    @Test
    @Order(3)
    void aTrainPausesAtTheBadTargetAnApprovalSilencesExactlyTheFiringAlertAndTheTrainCompletes() {
        List<Target> targets = List.of(
                new Target("staging-aws-eu-west-1", "eu-west-1a", "eu-west-1"),
                new Target("prod-aws-eu-west-1", "eu-west-1a", "eu-west-1"),
                new Target("prod-aws-eu-west-1", "eu-west-1b", "eu-west-1"),
                new Target("prod-aws-us-east-1", "us-east-1a", "us-east-1"));
        Target bad = targets.get(2);
        List<GateSpec> gates = List.of(
                // scrape (1s) + rule evaluation (1s) + for: 1s + delivery to Alertmanager, with room for a loaded machine
                new GateSpec.Bake("bake", Duration.ofSeconds(8)),
                new GateSpec.PrometheusAlerts("no-pages", List.of(LabelMatcher.equal("alertname", "HighErrorRate"),
                        LabelMatcher.equal("environment", "${TRAIN_ENVIRONMENT}"))));
        List<String> story = new ArrayList<>();
        List<SilenceRecord> silences = new ArrayList<>();

        for (Target target : targets) {
            // the deploy: this release is bad in one zone only
            STACK.errorRatio(target.environment(), target.zone(), target.equals(bad) ? 0.3 : 0.01);
            Instant since = Instant.now();
            for (GateSpec gate : gates) {
                GateResult r = awaitNotPending(gate, target, since);
                if (r.status() == GateResult.Status.FAILED) {
                    story.add("paused at " + target + ": " + r.gate());
                    assertThat(r.signals()).singleElement().satisfies(s -> assertThat(s.labels()).containsAllEntriesOf(Map.of(
                            "alertname", "HighErrorRate", "environment", bad.environment(), "zone", bad.zone(), "severity", "page")));

                    // "proceed 30m" from an approver
                    Silencer.Outcome outcome = silencer.silence(gate, r, Duration.ofMinutes(30), "alice", "known flake",
                            target.variables(), Instant.now());
                    assertThat(outcome.problems()).isEmpty();
                    silences.addAll(outcome.created());
                    SilenceRecord record = outcome.created().get(0);
                    AlertmanagerClient.Silence silence = alertmanager.silence(record.id());
                    assertThat(silence.state()).isEqualTo("active");
                    assertThat(silence.matchers()).containsExactlyInAnyOrderElementsOf(r.signals().get(0).labels().entrySet().stream()
                            .map(e -> LabelMatcher.equal(e.getKey(), e.getValue())).toList());
                    assertThat(silence.comment()).contains("approved by alice").contains("known flake");
                    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(alertmanager.alerts(
                            List.of(LabelMatcher.equal("zone", bad.zone())), true, true)).singleElement().satisfies(a -> {
                                assertThat(a.state()).isEqualTo("suppressed");
                                assertThat(a.silencedBy()).containsExactly(record.id());
                            }));
                    r = evaluator.evaluate(gate, context(target));
                    assertThat(r.status()).as(r.reason()).isEqualTo(GateResult.Status.PASSED);
                    story.add("continued after silence " + record.id());
                }
            }
            story.add("done " + target);
        }
        assertThat(story).hasSize(6);
        assertThat(story.get(0)).isEqualTo("done staging-aws-eu-west-1/eu-west-1a");
        assertThat(story.get(2)).isEqualTo("paused at prod-aws-eu-west-1/eu-west-1b: no-pages");
        assertThat(story.get(5)).isEqualTo("done prod-aws-us-east-1/us-east-1a");

        // the train is complete: expire what it silenced, and the alert is active again
        assertThat(silencer.expire(silences)).isEmpty();
        assertThat(alertmanager.silence(silences.get(0).id()).state()).isEqualTo("expired");
        assertThat(silencer.expire(silences)).as("expiring twice is harmless").isEmpty();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(evaluator.evaluate(gates.get(1), context(bad)).status())
                .isEqualTo(GateResult.Status.FAILED));
        STACK.errorRatio(bad.environment(), bad.zone(), 0.0);
    }

    @Test
    @Order(4)
    void aDownPrometheusFailsTheGateWithTheReason() throws Exception {
        var gate = new GateSpec.PrometheusQuery("errors", "deploy_error_ratio > 0.05", Duration.ZERO, null);
        STACK.stopPrometheus();
        GateResult r = evaluator.evaluate(gate, context(new Target("e", "z", "r")));
        assertThat(r.status()).isEqualTo(GateResult.Status.FAILED);
        assertThat(r.reason()).matches("Prometheus at " + STACK.prometheus() + " is unreachable \\((Connection refused|connection refused or closed)\\)");
    }

    private static GateContext context(Target target) {
        Instant now = Instant.now();
        return new GateContext(target.variables(), now, now);
    }

    /** Evaluates as a train would: when PENDING, wait until the time the gate asked for (a timer, not a poll loop). */
    private static GateResult awaitNotPending(GateSpec gate, Target target, Instant since) {
        while (true) {
            GateResult r = evaluator.evaluate(gate, new GateContext(target.variables(), since, Instant.now()));
            if (r.status() != GateResult.Status.PENDING) {
                return r;
            }
            long wait = Duration.between(Instant.now(), r.recheckAt()).toMillis();
            try {
                Thread.sleep(Math.max(0, wait));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
