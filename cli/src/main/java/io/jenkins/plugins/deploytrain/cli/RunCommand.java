package io.jenkins.plugins.deploytrain.cli;

import io.jenkins.plugins.deploytrain.baked.BakedVersionSource;
import io.jenkins.plugins.deploytrain.fleetstate.FleetSnapshot;
import io.jenkins.plugins.deploytrain.config.ConfigException;
import io.jenkins.plugins.deploytrain.config.Durations;
import io.jenkins.plugins.deploytrain.fleet.Fleet;
import io.jenkins.plugins.deploytrain.fleet.FleetLoader;
import io.jenkins.plugins.deploytrain.gate.GatesConfig;
import io.jenkins.plugins.deploytrain.gate.GatesConfigReader;
import io.jenkins.plugins.deploytrain.gate.MonitoringEndpoints;
import io.jenkins.plugins.deploytrain.events.PublishingLedgerStore;
import io.jenkins.plugins.deploytrain.ledger.FileLedgerStore;
import io.jenkins.plugins.deploytrain.ledger.LedgerStore;
import io.jenkins.plugins.deploytrain.ledger.Ledger;
import io.jenkins.plugins.deploytrain.ledger.LedgerException;
import io.jenkins.plugins.deploytrain.notify.SlackSettings;
import io.jenkins.plugins.deploytrain.plan.PlanException;
import io.jenkins.plugins.deploytrain.plan.TrainSpec;
import io.jenkins.plugins.deploytrain.plan.TrainSpecLoader;
import io.jenkins.plugins.deploytrain.reconcile.BakedVersion;
import io.jenkins.plugins.deploytrain.reconcile.GateRunner;
import io.jenkins.plugins.deploytrain.reconcile.Notifier;
import io.jenkins.plugins.deploytrain.reconcile.PlannedTrain;
import io.jenkins.plugins.deploytrain.reconcile.SecondTrainPolicy;
import io.jenkins.plugins.deploytrain.reconcile.StepperPorts;
import io.jenkins.plugins.deploytrain.reconcile.TrainAdmission;
import io.jenkins.plugins.deploytrain.reconcile.TrainStepper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code deploy-train run}: drives a train from the state folder's ledger until it completes, fails or
 * waits for a person. Killed at any instant, the next run continues where it stopped.
 */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = {
            "Runs a train: the deploy command once per target (environment x zone) in plan order, with soaks, bakes and "
                    + "deploy windows, recording every step in the state folder's ledger. Run it again after a crash or an approval "
                    + "to continue.",
            "The deploy command gets TRAIN_SERVICE, TRAIN_VERSION, TRAIN_ENVIRONMENT, TRAIN_PROVIDER, TRAIN_REGION, TRAIN_ZONE, "
                    + "TRAIN_TIER, TRAIN_ATTEMPT (and TRAIN_ID, TRAIN_TARGET) in its environment; it must be idempotent.",
            "Exit status: 0 completed, 1 failed or stopped, 2 bad input, 3 waiting for an approval, 4 damaged ledger."
        })
final class RunCommand implements Callable<Integer> {

    @Option(names = "--train", required = true, paramLabel = "FILE", description = "The train file (train.yaml).")
    Path trainFile;

    @Option(names = "--fleet", paramLabel = "FILE", description = "The fleet file (default: the one the train file names).")
    Path fleetFile;

    @Mixin
    StateOptions state;

    @Option(names = "--deploy-command", required = true, paramLabel = "CMD",
            description = "The deploy of one target, as words (quotes group, nothing else is interpreted: no shell).")
    String deployCommand;

    @Option(names = "--time-scale", paramLabel = "N", description = "Run the clock N times faster, from --start (demos, tests).")
    Double timeScale;

    @Option(names = "--start", paramLabel = "INSTANT", description = "With --time-scale: the simulated start, e.g. 2026-11-30T08:00:00Z.")
    String start;

    @Option(names = "--serve", paramLabel = "PORT", description = "Serve the train view on http://127.0.0.1:PORT/ (0: any free port) while running, "
            + "and wait there for approvals instead of exiting; the ledger JSON is at /ledger.json.")
    Integer servePort;

    @Option(names = "--if-running", defaultValue = "queue", paramLabel = "queue|supersede",
            description = "When another release of the job is still rolling: queue behind it or supersede it (default: ${DEFAULT-VALUE}).")
    SecondTrainPolicy ifRunning;

    @Option(names = "--by", paramLabel = "NAME", description = "Who starts the train (default: $USER).")
    String by;

    @Option(names = "--job", paramLabel = "NAME", description = "The job's name in the ledger (default: the train's service).")
    String job;

    @Option(names = "--deploy-timeout", paramLabel = "DURATION",
            description = "Kill a deploy (and the processes it started) that has not ended after this long, in real time, e.g. 30m; "
                    + "the target then fails like a failed deploy. Default: no limit.")
    String deployTimeout;

    @Option(names = "--exit-when-waiting", description = "With a Slack thread: still exit 3 when the train needs a person "
            + "(cron wrappers); the replies posted in the thread meanwhile are read when the next run reaches the question. "
            + "Without it, a run with Slack waits for the answer.")
    boolean exitWhenWaiting;

    @Mixin
    MonitoringOptions monitoring;

    @Mixin
    FleetStateOptions fleetState;

    @Mixin
    SlackOptions slack;

    @Mixin
    PublishingOptions publishing;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            return run(out, err);
        } catch (ConfigException | PlanException e) {
            err.println("run: " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        } catch (LedgerException e) {
            err.println("run: " + e.getMessage());
            return ExitCodes.LEDGER_DAMAGED;
        }
    }

    private int run(PrintWriter out, PrintWriter err) throws IOException, InterruptedException {
        List<String> command;
        try {
            command = CommandLineWords.split(deployCommand);
        } catch (IllegalArgumentException e) {
            err.println("run: " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        }
        if (timeScale != null && !(timeScale > 0)) {
            err.println("run: --time-scale must be a positive number, not " + timeScale);
            return ExitCodes.BAD_INPUT;
        }
        Instant startAt;
        try {
            startAt = start == null ? Instant.now() : Instant.parse(start);
        } catch (DateTimeParseException e) {
            err.println("run: --start must be an instant like 2026-11-30T08:00:00Z, not '" + start + "'");
            return ExitCodes.BAD_INPUT;
        }
        Duration timeout = null;
        if (deployTimeout != null) {
            timeout = Durations.parse(deployTimeout).filter(d -> !d.isNegative() && !d.isZero()).orElse(null);
            if (timeout == null) {
                err.println("run: --deploy-timeout must be a positive duration like 30m or 1h, not '" + deployTimeout + "'");
                return ExitCodes.BAD_INPUT;
            }
        }
        if (start != null && timeScale == null) {
            err.println("run: --start needs --time-scale (without it the train runs on the real clock)");
            return ExitCodes.BAD_INPUT;
        }
        TrainSpec trainSpec = TrainSpecLoader.load(trainFile);
        Path fleetPath = fleetFile != null ? fleetFile : trainSpec.fleetPath(trainFile).orElse(null);
        if (fleetPath == null) {
            err.println("run: " + trainFile + " names no fleet: give --fleet FILE");
            return ExitCodes.BAD_INPUT;
        }
        Fleet fleet = FleetLoader.load(fleetPath);
        trainSpec = TrainSpecLoader.load(trainFile, fleet);
        PlannedTrain planned = PlannedTrain.of(fleet, trainSpec);
        GatesConfig gates = trainSpec.section("gates").map(GatesConfigReader::read).orElse(GatesConfig.NONE);
        MonitoringOptions.Result endpoints = monitoring.endpoints(Duration.ofSeconds(10));
        List<String> unmet = endpoints.problems().isEmpty() ? MonitoringOptions.unmet(gates, endpoints.endpoints()) : endpoints.problems();
        if (!unmet.isEmpty()) {
            unmet.forEach(problem -> err.println("run: " + trainFile + ": " + problem));
            return ExitCodes.BAD_INPUT;
        }
        List<String> publishingProblems = publishing.problems(endpoints.endpoints());
        if (!publishingProblems.isEmpty()) {
            publishingProblems.forEach(problem -> err.println("run: " + problem));
            return ExitCodes.BAD_INPUT;
        }
        List<String> versionFromUnmet = MonitoringOptions.unmet(trainSpec, endpoints.endpoints());
        if (!versionFromUnmet.isEmpty()) {
            versionFromUnmet.forEach(problem -> err.println("run: " + problem));
            return ExitCodes.BAD_INPUT;
        }
        GateRunner gateRunner = MonitoringOptions.gateRunner(gates, endpoints.endpoints());
        SlackSettings slackSettings = SlackSettings.read(trainSpec.section("slack"), trainSpec.section("approvers"));

        FileLedgerStore store = state.store();
        if (!state.usable(store, err, "run")) {
            return ExitCodes.LEDGER_DAMAGED;
        }
        double scale = timeScale == null ? 1 : timeScale;
        Clock clock = timeScale == null ? Clock.systemUTC() : ScaledClock.anchored(state.dir, startAt, scale);
        String jobName = job != null ? job : trainSpec.service();
        String who = by != null ? by : System.getProperty("user.name", "unknown");

        String version = version(trainSpec, fleet, endpoints.endpoints(), store, jobName, clock.instant(), err);
        if (version == null) {
            return ExitCodes.BAD_INPUT;
        }
        PublishingOptions.Started published = publishing.start(endpoints.endpoints(), err);
        try {
            return run(out, err, trainSpec, fleet, planned, gates, store,
                    PublishingLedgerStore.wrap(store, published.publishers(), line -> {
                        err.println(line);
                        err.flush();
                    }), clock, scale, jobName, who, version, command, timeout, gateRunner, slackSettings);
        } finally {
            published.close();
        }
    }

    private int run(PrintWriter out, PrintWriter err, TrainSpec trainSpec, Fleet fleet, PlannedTrain planned, GatesConfig gates,
            FileLedgerStore store, LedgerStore publishing, Clock clock, double scale, String jobName, String who, String version,
            List<String> command, Duration timeout, GateRunner gateRunner, SlackSettings slackSettings)
            throws IOException, InterruptedException {
        AtomicReference<TrainAdmission.Admitted> admitted = new AtomicReference<>();
        TrainSpec admittedSpec = trainSpec;
        publishing.update(jobName, ledger -> {
            TrainAdmission.Admitted a = TrainAdmission.admit(ledger, admittedSpec.service(), version, gates.assignTo(planned.targets()),
                    ifRunning, who, "deploy-train run " + trainFile, clock.instant());
            admitted.set(a);
            return a.ledger();
        });
        String trainId = admitted.get().trainId();
        err.println((admitted.get().resumed() ? "continuing" : "starting") + " train " + trainId + ": "
                + trainSpec.service() + " " + version + " on " + planned.steps().size() + " targets (state " + store.file() + ")");

        Optional<SlackOptions.Connected> slackThread;
        try {
            slackThread = slack.connect(state.dir, slackSettings, err);
        } catch (IllegalArgumentException e) {
            err.println("run: " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        }
        try {
            return run(out, err, fleet, trainSpec, planned, store, publishing, clock, scale, jobName, trainId, who, command, timeout,
                    gateRunner, slackThread);
        } finally {
            if (slackThread.isPresent()) {
                slackThread.get().notifier().awaitIdle(Duration.ofSeconds(10));
                slackThread.get().notifier().close();
            }
        }
    }

    private int run(PrintWriter out, PrintWriter err, Fleet fleet, TrainSpec trainSpec, PlannedTrain planned, FileLedgerStore store,
            LedgerStore publishing, Clock clock, double scale, String jobName, String trainId, String who, List<String> command, Duration timeout,
            GateRunner gateRunner, Optional<SlackOptions.Connected> slackThread)
            throws IOException, InterruptedException {
        Notifier notifier = slackThread.map(c -> (Notifier) c.notifier()).orElse(Notifier.NONE);
        StepperPorts ports = new StepperPorts(publishing, clock, gateRunner, notifier, planned.windows(), new CliWorker(),
                Duration.ofMinutes(1), Duration.ofHours(12)).withFleet(fleetState.ports(trainSpec));
        ProgressBar progress = new ProgressBar(err, System.console() != null, fleet, trainSpec);
        LocalRunner runner = new LocalRunner(ports, command, state.dir.resolve("logs"), LocalRunner.sleeper(clock, scale), progress, err,
                Optional.ofNullable(timeout));
        TrainStepper stepper = new TrainStepper(jobName, trainId, CliWorker.self());
        LocalRunner.Outcome outcome;
        if (servePort != null) {
            ServedView view = new ServedView(trainId, clock, planned.windows(), new CliWorker(),
                    ServedView.planned(fleet, trainSpec, clock));
            try (LedgerServer server = new LedgerServer(servePort, publishing, view, who)) {
                err.println("serving the train view on " + server.url() + " (approvals there are recorded as " + who + ")");
                err.flush();
                outcome = runner.awaitingApprovals(slackThread.map(SlackOptions.Connected::replies)).run(stepper);
            }
        } else if (slackThread.isPresent() && exitWhenWaiting) {
            outcome = runner.readingSlackOnce(slackThread.map(SlackOptions.Connected::replies)).run(stepper);
        } else if (slackThread.isPresent()) {
            err.println("waiting for approvals in the train's Slack thread (or deploy-train approve) whenever the train needs a person");
            outcome = runner.awaitingApprovals(slackThread.map(SlackOptions.Connected::replies)).run(stepper);
        } else {
            outcome = runner.run(stepper);
        }
        out.println(outcome.message());
        out.flush();
        return outcome.exitCode();
    }

    /** The fixed version, or for a daily train the version that baked long enough in the primary (ledger or monitoring). */
    private String version(TrainSpec trainSpec, Fleet fleet, MonitoringEndpoints endpoints, FileLedgerStore store, String jobName,
            Instant now, PrintWriter err) {
        if (trainSpec.version().isPresent()) {
            return trainSpec.version().get();
        }
        var selector = trainSpec.versionFrom().orElseThrow();
        Ledger ledger = store.load().orElseGet(() -> Ledger.empty(jobName));
        var rolling = ledger.unfinished().stream().filter(t -> t.service().equals(trainSpec.service())).findFirst();
        if (rolling.isPresent()) {
            // a daily train that was interrupted continues with the version it chose
            return rolling.get().version();
        }
        FleetSnapshot shared = fleetState.given() ? fleetState.store().read() : FleetSnapshot.empty();
        BakedVersion.Selection selection = BakedVersionSource.select(ledger, shared, selector, trainSpec.service(), fleet, endpoints, now);
        if (selection.version().isEmpty()) {
            err.println("run: no version to deploy: " + selection.why());
            return null;
        }
        err.println("run: " + selection.why());
        return selection.version().get();
    }
}
