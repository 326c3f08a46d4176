package io.jenkins.plugins.deploytrain.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.deploytrain.approval.Approval;
import io.jenkins.plugins.deploytrain.approval.ApprovalAction;
import io.jenkins.plugins.deploytrain.fleet.Environment;
import io.jenkins.plugins.deploytrain.fleet.Fleet;
import io.jenkins.plugins.deploytrain.fleet.Tier;
import io.jenkins.plugins.deploytrain.ledger.AuditEntry;
import io.jenkins.plugins.deploytrain.ledger.InMemoryLedgerStore;
import io.jenkins.plugins.deploytrain.ledger.Ledger;
import io.jenkins.plugins.deploytrain.ledger.TargetRecord;
import io.jenkins.plugins.deploytrain.ledger.TargetStatus;
import io.jenkins.plugins.deploytrain.ledger.Train;
import io.jenkins.plugins.deploytrain.ledger.TrainStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Random hosts of a terraform train over the recorded plans: plans that match an approved plan, plans that
 * differ, plans that are not plan JSON, failing bodies, bodies whose worker dies at any point (a successor
 * takes over), and people answering with any choice they are offered. Whatever happens, every apply follows
 * an approving review of that target's latest plan (by a person, or identical to another target's approved
 * plan), and one review never leads to two applies.
 */
class TerraformTrainProperties {

    private static final Instant T0 = Instant.parse("2026-11-26T09:00:00Z");
    private static final String PLAN = fixture("tfcompliance_update_noop_create_us-west-1.json");
    private static final Fleet FLEET = new Fleet(Map.of(), List.of(), List.of(), ZoneOffset.UTC, List.of(
            environment("prod-usw1", "us-west-1", "704778554736"),
            environment("prod-euw1", "eu-west-1", "111111111111"),
            environment("prod-apse2", "ap-southeast-2", "222222222222")));

    private static Environment environment(String name, String region, String account) {
        return new Environment(name, "aws", region, List.of(region + "c"), Tier.PRODUCTION, List.of(), List.of(),
                Map.of("account", account));
    }

    private static String fixture(String name) {
        try {
            return Files.readString(Path.of(System.getProperty("deploytrain.fixtures"), "terraform", name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One of three plans a region's body may write: the common change, another bucket name, or garbage. */
    private static String plan(Environment e, int variant) {
        String same = PLAN.replace("us-west-1", e.region()).replace("704778554736", e.labels().get("account"));
        return switch (variant) {
            case 0 -> same;
            case 1 -> same.replace("my-tf-test-bucket", "my-tf-other-bucket");
            default -> same.substring(0, same.length() / 2);
        };
    }

    @Property(tries = 40)
    void nothingIsAppliedUnreviewedAndNoReviewIsAppliedTwice(@ForAll long seed) throws IOException {
        Path dir = Files.createTempDirectory("tftrain");
        try {
            run(seed, dir);
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    private static void run(long seed, Path dir) {
        Random random = new Random(seed);
        InMemoryLedgerStore store = new InMemoryLedgerStore();
        VirtualClock clock = new VirtualClock(T0);
        Set<String> alive = new HashSet<>();
        StepperPorts ports = new StepperPorts(store, clock, GateRunner.NONE, Notifier.NONE, DeployWindows.ALWAYS_OPEN,
                alive::contains, Duration.ofMinutes(1), Duration.ofHours(6),
                new DirectoryPlanArchive(dir.resolve("kept"), dir.resolve("plans").toString()));
        List<TargetRecord> targets = new ArrayList<>();
        for (Environment e : FLEET.environments()) {
            targets.add(new TargetRecord(TargetRecord.idOf(e.name(), e.zones().get(0)), targets.size(), e.name(), e.zones().get(0),
                    "production", "aws", e.region(), Duration.ZERO, Duration.ZERO, true, false, List.of(),
                    TargetStatus.PENDING, null, List.of(), List.of()));
        }
        store.compareAndSet(0, Ledger.empty("network").withTrain(new Train("tf-1", "network", "r42", TrainStatus.RUNNING, T0,
                "alice", TerraformTargets.of(FLEET, targets, List.of("account"), random.nextBoolean()), List.of(), List.of(), null, null)));

        int workers = 1;
        TrainStepper stepper = new TrainStepper("network", "tf-1", "build-1");
        List<Command> commands = stepper.onStart(ports);
        for (int step = 0; step < 80 && !stepper.ended(); step++) {
            clock.set(clock.instant().plusSeconds(61));
            if (commands.isEmpty() || random.nextInt(12) == 0) {
                // the worker dies here, whatever it was doing; a successor takes the train over
                stepper = new TrainStepper("network", "tf-1", "build-" + ++workers);
                commands = stepper.onStart(ports);
                continue;
            }
            Command command = commands.get(0);
            if (command instanceof Command.StartBody start) {
                Environment env = FLEET.environment(start.environment().get("TRAIN_ENVIRONMENT")).orElseThrow();
                if (random.nextInt(8) == 0) {
                    commands = stepper.onBodyFinished(ports, start.target(), start.attempt(), BodyOutcome.failure("exit 1"));
                } else if (start.phase() == BodyPhase.PLAN) {
                    int variant = random.nextInt(10) < 7 ? 0 : random.nextInt(10) < 7 ? 1 : 2;
                    commands = stepper.onPlanReady(ports, start.target(), start.attempt(), plan(env, variant));
                } else {
                    commands = stepper.onBodyFinished(ports, start.target(), start.attempt(), BodyOutcome.success());
                }
            } else if (command instanceof Command.AwaitApproval ask) {
                List<ApprovalAction> choices = ask.choices();
                ApprovalAction action = random.nextInt(3) > 0 && choices.contains(ApprovalAction.PROCEED)
                        ? ApprovalAction.PROCEED
                        : choices.get(random.nextInt(choices.size()));
                commands = stepper.onApproval(ports, new Approval("tf-1", ask.target(), action, "person", null, clock.instant()));
            } else {
                commands = stepper.onTimer(ports);
            }
        }

        Train train = store.load().orElseThrow().train("tf-1").orElseThrow();
        Map<String, Boolean> reviewed = new HashMap<>();
        Map<String, String> lastPlanEvent = new HashMap<>();
        for (AuditEntry a : train.audit()) {
            switch (a.what()) {
                case "plan-intent" -> {
                    reviewed.put(a.target(), false);
                    lastPlanEvent.put(a.target(), a.what());
                }
                case "plan-auto-approved" -> {
                    reviewed.put(a.target(), true);
                    lastPlanEvent.put(a.target(), a.what());
                }
                case "plan-awaiting-review", "plan-failed" -> lastPlanEvent.put(a.target(), a.what());
                case "approval:proceed" -> {
                    if ("plan-awaiting-review".equals(lastPlanEvent.get(a.target()))) {
                        reviewed.put(a.target(), true);
                    }
                }
                case "deploy-intent" -> {
                    assertThat(reviewed.getOrDefault(a.target(), false))
                            .as("apply of %s at %s follows an approving review of its latest plan (seed %s)", a.target(), a.at(), seed)
                            .isTrue();
                    reviewed.put(a.target(), false);
                }
                default -> { }
            }
        }
        if (train.audit().stream().anyMatch(a -> a.what().equals("plan-auto-approved"))) {
            assertThat(train.targets()).allMatch(t -> t.terraform().autoApproveIdenticalPlans());
        }
    }
}
