package io.jenkins.plugins.deploytrain.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.deploytrain.approval.Approval;
import io.jenkins.plugins.deploytrain.approval.ApprovalAction;
import io.jenkins.plugins.deploytrain.fleet.Environment;
import io.jenkins.plugins.deploytrain.fleet.Fleet;
import io.jenkins.plugins.deploytrain.fleet.Tier;
import io.jenkins.plugins.deploytrain.ledger.AttemptOutcome;
import io.jenkins.plugins.deploytrain.ledger.AuditEntry;
import io.jenkins.plugins.deploytrain.ledger.FileLedgerStore;
import io.jenkins.plugins.deploytrain.ledger.Ledger;
import io.jenkins.plugins.deploytrain.ledger.LedgerJson;
import io.jenkins.plugins.deploytrain.ledger.LedgerStore;
import io.jenkins.plugins.deploytrain.ledger.ReviewStatus;
import io.jenkins.plugins.deploytrain.ledger.TargetRecord;
import io.jenkins.plugins.deploytrain.ledger.TargetStatus;
import io.jenkins.plugins.deploytrain.ledger.TerraformPhase;
import io.jenkins.plugins.deploytrain.ledger.Train;
import io.jenkins.plugins.deploytrain.ledger.TrainStatus;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole terraform train over the recorded plans of testdata/terraform (see its SOURCES.md): each target is planned,
 * its plan compared with the approved ones, then applied; a plan identical but for its region's names is
 * applied without a person, any other waits with its diff. The ledger is the real file store, so every step
 * also survives its JSON round trip.
 */
class TerraformTrainTest {

    private static final Instant T0 = Instant.parse("2026-11-26T09:00:00Z");
    /** A real plan of one AWS region: an instance updated in us-west-1c, a bucket created (account 704778554736). */
    private static final String US_WEST = "tfcompliance_update_noop_create_us-west-1.json";
    private static final String SECRET = "Pa55w0rd-hunter2";

    @TempDir
    Path tmp;

    private final VirtualClock clock = new VirtualClock(T0);
    private final Set<String> alive = new HashSet<>();
    private final List<String> told = new ArrayList<>();
    /** What each target's plan body writes, by environment. */
    private final Map<String, String> plans = new java.util.HashMap<>();
    private LedgerStore store;

    private static final Fleet FLEET = new Fleet(Map.of(), List.of(), List.of(), ZoneOffset.UTC, List.of(
            environment("prod-usw1", "us-west-1", "us-west-1c", "704778554736"),
            environment("prod-euw1", "eu-west-1", "eu-west-1c", "111111111111"),
            environment("prod-apse2", "ap-southeast-2", "ap-southeast-2c", "222222222222")));

    private static Environment environment(String name, String region, String zone, String account) {
        return new Environment(name, "aws", region, List.of(zone), Tier.PRODUCTION, List.of(), List.of(), Map.of("account", account));
    }

    private static String fixture(String name) {
        try {
            return Files.readString(Path.of(System.getProperty("deploytrain.fixtures"), "terraform", name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The us-west-1 plan as Terraform would write it for another region and account: the same change. */
    private static String samePlanIn(String region, String account) {
        return fixture(US_WEST).replace("us-west-1", region).replace("704778554736", account);
    }

    private StepperPorts ports() {
        return new StepperPorts(store, clock, GateRunner.NONE, (train, message) -> told.add(message), DeployWindows.ALWAYS_OPEN,
                alive::contains, Duration.ofMinutes(1), Duration.ofHours(6),
                new DirectoryPlanArchive(tmp.resolve("kept"), tmp.resolve("workspace/plans").toString()));
    }

    private void start(boolean autoApprove) {
        store = new FileLedgerStore(tmp.resolve("state"));
        List<TargetRecord> targets = new ArrayList<>();
        for (Environment e : FLEET.environments()) {
            targets.add(new TargetRecord(TargetRecord.idOf(e.name(), e.zones().get(0)), targets.size(), e.name(), e.zones().get(0),
                    "production", "aws", e.region(), Duration.ZERO, Duration.ZERO, true, false, List.of(),
                    TargetStatus.PENDING, null, List.of(), List.of()));
        }
        Train train = new Train("tf-1", "network", "r42", TrainStatus.RUNNING, T0, "alice",
                TerraformTargets.of(FLEET, targets, List.of("account"), autoApprove), List.of(), List.of(), null, null);
        store.compareAndSet(0, Ledger.empty("network").withTrain(train));
        plans.put("prod-usw1", fixture(US_WEST));
        plans.put("prod-euw1", samePlanIn("eu-west-1", "111111111111"));
        // another bucket name in this region: a real difference a person must see
        plans.put("prod-apse2", samePlanIn("ap-southeast-2", "222222222222").replace("my-tf-test-bucket", "my-tf-other-bucket"));
    }

    private Train train() {
        return store.load().orElseThrow().train("tf-1").orElseThrow();
    }

    private TargetRecord target(String env) {
        return train().targets().stream().filter(t -> t.environment().equals(env)).findFirst().orElseThrow();
    }

    /** The plan body as a Jenkinsfile writes it: terraform show -json into $TRAIN_PLAN_JSON. */
    private void planBodyWrites(Command.StartBody start, String text) {
        try {
            Path file = Path.of(start.environment().get("TRAIN_PLAN_JSON"));
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The host after a plan body succeeded: reads the file back and hands its text over. */
    private List<Command> planReady(TrainStepper stepper, Command.StartBody start) {
        try {
            String text = Files.readString(Path.of(start.environment().get("TRAIN_PLAN_JSON")), StandardCharsets.UTF_8);
            return stepper.onPlanReady(ports(), start.target(), start.attempt(), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs the plan body of a StartBody(PLAN) with the environment's plan and hands it over. */
    private List<Command> plan(TrainStepper stepper, List<Command> commands) {
        Command.StartBody start = only(commands, Command.StartBody.class);
        assertThat(start.phase()).isEqualTo(BodyPhase.PLAN);
        assertThat(start.environment()).containsEntry("TRAIN_PHASE", "plan");
        planBodyWrites(start, plans.get(start.environment().get("TRAIN_ENVIRONMENT")));
        return planReady(stepper, start);
    }

    private List<Command> apply(TrainStepper stepper, List<Command> commands) {
        Command.StartBody start = only(commands, Command.StartBody.class);
        assertThat(start.phase()).isEqualTo(BodyPhase.APPLY);
        assertThat(start.environment()).containsEntry("TRAIN_PHASE", "apply").doesNotContainKey("TRAIN_PLAN_JSON");
        return stepper.onBodyFinished(ports(), start.target(), start.attempt(), BodyOutcome.success());
    }

    private List<Command> approve(TrainStepper stepper, String target, ApprovalAction action, String by) {
        return stepper.onApproval(ports(), new Approval("tf-1", target, action, by, null, clock.instant()));
    }

    private static <C extends Command> C only(List<Command> commands, Class<C> type) {
        assertThat(commands).singleElement().isInstanceOf(type);
        return type.cast(commands.get(0));
    }

    /** Applies that started, by target, from the audit: each must follow an approval of that target's plan. */
    private List<String> applies() {
        return train().audit().stream().filter(a -> a.what().equals("deploy-intent")).map(AuditEntry::target).toList();
    }

    @Test
    void aRegionWhosePlanIsAnApprovedPlanButForItsNamesIsAppliedWithoutReviewAnyOtherWaitsWithItsDiff() {
        start(true);
        TrainStepper stepper = new TrainStepper("network", "tf-1", "build-7");

        // the first plan of the train: nothing to compare with, a person reviews it
        Command.AwaitApproval first = only(plan(stepper, stepper.onStart(ports())), Command.AwaitApproval.class);
        assertThat(first.target()).isEqualTo("prod-usw1/us-west-1c");
        assertThat(first.reason()).startsWith("plan of prod-usw1/us-west-1c (attempt 1, 2 changes) needs review, no approved plan to compare with: ")
                .contains("aws_instance.changed", "aws_s3_bucket.newly_created");
        assertThat(first.choices()).containsExactly(ApprovalAction.PROCEED, ApprovalAction.RETRY, ApprovalAction.SKIP, ApprovalAction.ABORT);
        assertThat(target("prod-usw1").status()).isEqualTo(TargetStatus.AWAITING_APPROVAL);
        assertThat(target("prod-usw1").terraform().review().status()).isEqualTo(ReviewStatus.WAITING);
        assertThat(applies()).isEmpty();

        // approved by a person: applied, and it is now a plan others can match
        List<Command> afterApply = apply(stepper, approve(stepper, "prod-usw1/us-west-1c", ApprovalAction.PROCEED, "alice"));
        assertThat(target("prod-usw1").status()).isEqualTo(TargetStatus.SUCCEEDED);
        assertThat(target("prod-usw1").terraform().review()).satisfies(r -> {
            assertThat(r.status()).isEqualTo(ReviewStatus.APPROVED);
            assertThat(r.by()).isEqualTo("alice");
        });

        // eu-west-1: the same change but for region, zone and account: applied at once
        List<Command> euApply = plan(stepper, afterApply);
        assertThat(target("prod-euw1").terraform().review()).satisfies(r -> {
            assertThat(r.status()).isEqualTo(ReviewStatus.AUTO_APPROVED);
            assertThat(r.sameAs()).isEqualTo("prod-usw1/us-west-1c");
        });
        assertThat(target("prod-euw1").terraform().plan().fingerprint())
                .isEqualTo(target("prod-usw1").terraform().plan().fingerprint());
        List<Command> apPlan = apply(stepper, euApply);

        // ap-southeast-2 plans another bucket name: it waits, with the diff against the closest approved plan
        Command.AwaitApproval ap = only(plan(stepper, apPlan), Command.AwaitApproval.class);
        assertThat(ap.reason()).isEqualTo("plan of prod-apse2/ap-southeast-2c (attempt 1, 2 changes) differs from the plan approved for "
                + "prod-usw1/us-west-1c in 1 changes: aws_s3_bucket.newly_created");
        assertThat(target("prod-apse2").terraform().plan().diff()).containsExactly(
                "~ aws_s3_bucket.newly_created",
                "    after.bucket: \"my-tf-test-bucket\" -> \"my-tf-other-bucket\"");
        assertThat(applies()).containsExactly("prod-usw1/us-west-1c", "prod-euw1/eu-west-1c");

        Command.Complete done = only(apply(stepper, approve(stepper, "prod-apse2/ap-southeast-2c", ApprovalAction.PROCEED, "bob")),
                Command.Complete.class);
        assertThat(done.result()).contains("3 of 3 targets done");
        // the plans kept for diffs hold secrets in clear: they go with the train
        assertThat(tmp.resolve("kept").resolve("tf-1")).doesNotExist();
        assertThat(applies()).containsExactly("prod-usw1/us-west-1c", "prod-euw1/eu-west-1c", "prod-apse2/ap-southeast-2c");
        assertThat(train().audit()).extracting(AuditEntry::what).containsSubsequence(
                "plan-intent", "plan-awaiting-review", "approval:proceed", "deploy-intent", "deploy-succeeded",
                "plan-intent", "plan-auto-approved", "deploy-intent", "deploy-succeeded",
                "plan-intent", "plan-awaiting-review", "approval:proceed", "deploy-intent", "deploy-succeeded", "train-succeeded");
        assertThat(told).contains("plan of prod-euw1/eu-west-1c is identical to the plan approved for prod-usw1/us-west-1c: applying");
    }

    @Test
    void withAutoApprovalOffAnIdenticalPlanStillWaitsAndAStoppedTrainsKeptPlansAreDeleted() {
        start(false);
        TrainStepper stepper = new TrainStepper("network", "tf-1", "build-7");
        plan(stepper, stepper.onStart(ports()));
        List<Command> next = apply(stepper, approve(stepper, "prod-usw1/us-west-1c", ApprovalAction.PROCEED, "alice"));

        Command.AwaitApproval eu = only(plan(stepper, next), Command.AwaitApproval.class);

        assertThat(eu.reason()).isEqualTo("plan of prod-euw1/eu-west-1c (attempt 1, 2 changes) is identical to the plan approved for "
                + "prod-usw1/us-west-1c; automatic approval is off: approve it to apply");
        assertThat(target("prod-euw1").terraform().review().status()).isEqualTo(ReviewStatus.WAITING);
        assertThat(applies()).containsExactly("prod-usw1/us-west-1c");
        assertThat(tmp.resolve("kept").resolve("tf-1")).isDirectoryContaining(f -> f.getFileName().toString().startsWith("prod-euw1"));

        only(stepper.onStop(ports(), "carol", "wrong change"), Command.Fail.class);
        assertThat(tmp.resolve("kept").resolve("tf-1")).doesNotExist();
    }

    @Test
    void aPlanThatIsNotPlanJsonFailsTheTargetWithTheFileAndReasonAndARetryPlansAgain() {
        start(true);
        TrainStepper stepper = new TrainStepper("network", "tf-1", "build-7");
        Command.StartBody start = only(stepper.onStart(ports()), Command.StartBody.class);
        planBodyWrites(start, "{\"format_version\": \"1.2\", \"resource_changes\": [ {\"address\": }");

        Command.AwaitApproval failed = only(planReady(stepper, start), Command.AwaitApproval.class);

        String file = start.environment().get("TRAIN_PLAN_JSON");
        assertThat(file).isEqualTo(tmp.resolve("workspace/plans").toString() + "/prod-usw1%2Fus-west-1c.json");
        assertThat(failed.reason()).startsWith("deploy of prod-usw1/us-west-1c failed (attempt 1: the plan is not terraform show -json output: "
                + file + ":1:").contains("not valid JSON");
        assertThat(failed.choices()).contains(ApprovalAction.RETRY);
        assertThat(target("prod-usw1").lastAttempt().orElseThrow().outcome()).isEqualTo(AttemptOutcome.FAILED);

        Command.StartBody again = only(approve(stepper, "prod-usw1/us-west-1c", ApprovalAction.RETRY, "alice"), Command.StartBody.class);
        assertThat(again.phase()).isEqualTo(BodyPhase.PLAN);
        assertThat(again.attempt()).isEqualTo(2);
        assertThat(target("prod-usw1").terraform().plans()).isEqualTo(2);
        assertThat(applies()).isEmpty();
    }

    @Test
    void aPlanBodyThatSucceedsWithoutHandingOverItsPlanFailsTheTarget() {
        start(true);
        TrainStepper stepper = new TrainStepper("network", "tf-1", "build-7");
        Command.StartBody start = only(stepper.onStart(ports()), Command.StartBody.class);

        Command.AwaitApproval failed = only(stepper.onBodyFinished(ports(), start.target(), start.attempt(), BodyOutcome.success()),
                Command.AwaitApproval.class);

        assertThat(failed.reason()).contains("the plan body succeeded but its host handed over no plan");
        assertThat(applies()).isEmpty();
    }

    @Test
    void retryOfAWaitingPlanPlansAgainAndSkipMovesOn() {
        start(true);
        TrainStepper stepper = new TrainStepper("network", "tf-1", "build-7");
        plan(stepper, stepper.onStart(ports()));

        List<Command> replan = approve(stepper, "prod-usw1/us-west-1c", ApprovalAction.RETRY, "alice");
        assertThat(only(replan, Command.StartBody.class).attempt()).isEqualTo(2);
        assertThat(target("prod-usw1").terraform().plan()).isNull();
        only(plan(stepper, replan), Command.AwaitApproval.class);

        Command.StartBody eu = only(approve(stepper, "prod-usw1/us-west-1c", ApprovalAction.SKIP, "alice"), Command.StartBody.class);
        assertThat(eu.target()).isEqualTo("prod-euw1/eu-west-1c");
        assertThat(eu.phase()).isEqualTo(BodyPhase.PLAN);
        // a skipped plan was never approved: the next region's identical plan is reviewed on its own
        only(plan(stepper, List.of(eu)), Command.AwaitApproval.class);
        assertThat(target("prod-euw1").terraform().plan().comparedWith()).isNull();
        assertThat(applies()).isEmpty();
    }

    @Test
    void killedBetweenThePlanResultAndTheApplyIntentTheSuccessorAppliesWithoutPlanningAgain() {
        start(true);
        TrainStepper first = new TrainStepper("network", "tf-1", "build-7");
        plan(first, first.onStart(ports()));
        List<Command> next = apply(first, approve(first, "prod-usw1/us-west-1c", ApprovalAction.PROCEED, "alice"));
        // eu's plan is recorded as auto-approved; the process dies before it writes the apply's intent
        Command.StartBody euPlan = only(next, Command.StartBody.class);
        planBodyWrites(euPlan, plans.get("prod-euw1"));
        LedgerStore real = store;
        store = new DyingAfterWrites(real, 1);
        assertThatThrownBy(() -> planReady(first, euPlan)).hasMessageContaining("killed");
        store = real;
        assertThat(target("prod-euw1").status()).isEqualTo(TargetStatus.PENDING);
        assertThat(target("prod-euw1").terraform().phase()).isEqualTo(TerraformPhase.APPLY);

        TrainStepper successor = new TrainStepper("network", "tf-1", "build-8");
        Command.StartBody resumed = only(successor.onStart(ports()), Command.StartBody.class);

        assertThat(resumed.phase()).isEqualTo(BodyPhase.APPLY);
        assertThat(target("prod-euw1").terraform().plans()).isEqualTo(1);
        apply(successor, List.of(resumed));
        assertThat(applies()).containsExactly("prod-usw1/us-west-1c", "prod-euw1/eu-west-1c");
    }

    @Test
    void aJenkinsRestartDuringAPlanBodyDeliversThePlanToTheRestoredStepper() throws Exception {
        start(true);
        TrainStepper before = new TrainStepper("network", "tf-1", "build-7");
        Command.StartBody start = only(before.onStart(ports()), Command.StartBody.class);

        TrainStepper after = restored(before);
        assertThat(after.onResume(ports())).isEmpty();
        planBodyWrites(start, plans.get("prod-usw1"));

        only(planReady(after, start), Command.AwaitApproval.class);
        assertThat(target("prod-usw1").terraform().review().status()).isEqualTo(ReviewStatus.WAITING);
        assertThat(target("prod-usw1").terraform().plans()).isEqualTo(1);
    }

    @Test
    void aDeadWorkersPlanOrApplyIsPlannedAgainSoNothingIsAppliedTwiceOrUnreviewed() {
        start(true);
        TrainStepper first = new TrainStepper("network", "tf-1", "build-7");
        plan(first, first.onStart(ports()));
        Command.StartBody usApply = only(approve(first, "prod-usw1/us-west-1c", ApprovalAction.PROCEED, "alice"), Command.StartBody.class);
        assertThat(usApply.phase()).isEqualTo(BodyPhase.APPLY);
        // build-7 dies during the apply: nobody knows how far it got

        TrainStepper successor = new TrainStepper("network", "tf-1", "build-8");
        Command.StartBody replan = only(successor.onStart(ports()), Command.StartBody.class);

        assertThat(replan.phase()).isEqualTo(BodyPhase.PLAN);
        assertThat(replan.attempt()).isEqualTo(3);
        assertThat(target("prod-usw1").attempts()).extracting(a -> a.outcome())
                .containsExactly(AttemptOutcome.SUCCEEDED, AttemptOutcome.LOST, AttemptOutcome.RUNNING);
        // the new plan (the apply had not happened) is reviewed again: its own earlier approval went with the lost apply
        Command.AwaitApproval again = only(plan(successor, List.of(replan)), Command.AwaitApproval.class);
        assertThat(again.target()).isEqualTo("prod-usw1/us-west-1c");
        assertThat(applies()).containsExactly("prod-usw1/us-west-1c");
    }

    @Test
    void aLatePlanOfAnAttemptTheTrainHasLeftIsIgnored() {
        start(true);
        TrainStepper first = new TrainStepper("network", "tf-1", "build-7");
        Command.StartBody old = only(first.onStart(ports()), Command.StartBody.class);
        TrainStepper successor = new TrainStepper("network", "tf-1", "build-8");
        successor.onStart(ports());

        planBodyWrites(old, plans.get("prod-usw1"));
        planReady(first, old);

        assertThat(target("prod-usw1").status()).isEqualTo(TargetStatus.DEPLOYING);
        assertThat(target("prod-usw1").terraform().plan()).isNull();
        assertThat(train().audit()).extracting(AuditEntry::what).contains("late-result-ignored");
    }

    @Test
    void aChangedSecretWaitsForReviewAndNeitherSecretReachesTheLedgerTheQuestionOrTheDiff() throws IOException {
        start(true);
        String sensitive = fixture("opentofu_showjson_sensitive-values.json");
        plans.put("prod-usw1", sensitive.replace("boop", SECRET));
        plans.put("prod-euw1", sensitive.replace("boop", "Pa55w0rd-correcthorse"));
        TrainStepper stepper = new TrainStepper("network", "tf-1", "build-7");
        plan(stepper, stepper.onStart(ports()));

        Command.AwaitApproval eu = only(plan(stepper, apply(stepper, approve(stepper, "prod-usw1/us-west-1c", ApprovalAction.PROCEED, "alice"))),
                Command.AwaitApproval.class);

        assertThat(target("prod-euw1").terraform().plan().diff()).contains("    after.ami: (sensitive) -> (sensitive, a different value)");
        String ledger = Files.readString(tmp.resolve("state").resolve(FileLedgerStore.FILE), StandardCharsets.UTF_8);
        assertThat(ledger + eu.reason() + told).doesNotContain("Pa55w0rd", "hunter2", "correcthorse");
    }

    @Test
    void aTerraformTrainsLedgerSurvivesItsJsonAndATrainWithoutTerraformStillLoads() {
        start(true);
        TrainStepper stepper = new TrainStepper("network", "tf-1", "build-7");
        plan(stepper, stepper.onStart(ports()));
        Ledger ledger = store.load().orElseThrow();

        assertThat(LedgerJson.parse(LedgerJson.render(ledger))).isEqualTo(ledger);
        assertThat(ledger.train("tf-1").orElseThrow().targets().get(1).terraform().tokens()).containsExactly(
                Map.entry("account", "111111111111"), Map.entry("env", "prod-euw1"), Map.entry("region", "eu-west-1"),
                Map.entry("zone1", "eu-west-1c"));
        Ledger plain = Ledger.empty("job").withTrain(io.jenkins.plugins.deploytrain.ledger.SampleLedgers.train("t1", 1, 1)).atRevision(1);
        byte[] written = LedgerJson.render(plain);
        assertThat(new String(written, StandardCharsets.UTF_8)).doesNotContain("terraform");
        assertThat(LedgerJson.parse(written)).isEqualTo(plain);
    }

    @Test
    void anEnvironmentWithoutTheTokensLabelIsRefusedNamingEveryOne() {
        List<TargetRecord> targets = List.of(new TargetRecord("prod-usw1/us-west-1c", 0, "prod-usw1", "us-west-1c", "production", "aws",
                "us-west-1", Duration.ZERO, Duration.ZERO, true, false, List.of(), TargetStatus.PENDING, null, List.of(), List.of()),
                new TargetRecord("gone/z", 1, "gone", "z1", "production", "aws", "us-west-1", Duration.ZERO, Duration.ZERO, true, false,
                        List.of(), TargetStatus.PENDING, null, List.of(), List.of()));

        assertThatThrownBy(() -> TerraformTargets.of(FLEET, targets, List.of("account", "cell"), true))
                .hasMessage("environment prod-usw1 has no label 'cell' (the train's tokens are [account, cell]; its labels are [account]); "
                        + "target gone/z: the fleet has no environment gone");
    }

    private static TrainStepper restored(TrainStepper stepper) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(stepper);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (TrainStepper) in.readObject();
        }
    }

    /** The controller dies after this many more ledger writes: the next write never happens. */
    private static final class DyingAfterWrites implements LedgerStore {
        private final LedgerStore real;
        private int writesLeft;

        DyingAfterWrites(LedgerStore real, int writes) {
            this.real = real;
            this.writesLeft = writes;
        }

        @Override
        public java.util.Optional<Ledger> load() {
            return real.load();
        }

        @Override
        public Ledger compareAndSet(long expectedRevision, Ledger next) {
            if (writesLeft-- <= 0) {
                throw new IllegalStateException("killed before this write");
            }
            return real.compareAndSet(expectedRevision, next);
        }

        @Override
        public String location() {
            return real.location();
        }
    }
}
