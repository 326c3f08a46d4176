package io.jenkins.plugins.deploytrain.cli;

import io.jenkins.plugins.deploytrain.approval.Approval;
import io.jenkins.plugins.deploytrain.config.Durations;
import io.jenkins.plugins.deploytrain.ledger.Train;
import io.jenkins.plugins.deploytrain.reconcile.BodyOutcome;
import io.jenkins.plugins.deploytrain.reconcile.Command;
import io.jenkins.plugins.deploytrain.reconcile.StepperPorts;
import io.jenkins.plugins.deploytrain.reconcile.TrainStepper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The command line's host of a {@link TrainStepper}: it answers each command synchronously (runs the deploy
 * command as a process, sleeps until a timer is due) until the train completes, fails or waits for a person.
 */
final class LocalRunner {

    /** How the run ended: an exit code and what to tell the user. */
    record Outcome(int exitCode, String message) {}

    /** How often, in real time, a runner that waits for a person looks at the ledger. */
    private static final Duration APPROVAL_POLL = Duration.ofMillis(250);

    /** How long a runner about to exit waits for Slack to answer the root message, to read the new thread once. */
    private static final Duration SLACK_SETTLE = Duration.ofSeconds(10);

    interface Sleeper {
        void sleepUntil(Instant simulated) throws InterruptedException;
    }

    private final StepperPorts ports;
    private final List<String> deployCommand;
    private final Path logDir;
    private final Sleeper sleeper;
    private final ProgressBar progress;
    private final PrintWriter log;
    private final Optional<Duration> deployTimeout;
    private final boolean awaitApprovals;
    private final Optional<SlackThreadReplies> replies;

    LocalRunner(StepperPorts ports, List<String> deployCommand, Path logDir, Sleeper sleeper, ProgressBar progress, PrintWriter log,
            Optional<Duration> deployTimeout) {
        this(ports, deployCommand, logDir, sleeper, progress, log, deployTimeout, false, Optional.empty());
    }

    private LocalRunner(StepperPorts ports, List<String> deployCommand, Path logDir, Sleeper sleeper, ProgressBar progress, PrintWriter log,
            Optional<Duration> deployTimeout, boolean awaitApprovals, Optional<SlackThreadReplies> replies) {
        this.awaitApprovals = awaitApprovals;
        this.replies = replies;
        this.ports = ports;
        this.deployCommand = List.copyOf(deployCommand);
        this.logDir = logDir;
        this.sleeper = sleeper;
        this.progress = progress;
        this.log = log;
        this.deployTimeout = deployTimeout;
    }

    /**
     * This runner, but one that waits for a decision instead of exiting when the train needs a person: in the ledger
     * (from the served page or {@code deploy-train approve}) or, given the train's Slack thread, a reply there.
     */
    LocalRunner awaitingApprovals(Optional<SlackThreadReplies> slackReplies) {
        return new LocalRunner(ports, deployCommand, logDir, sleeper, progress, log, deployTimeout, true, slackReplies);
    }

    /**
     * This runner, still exiting when the train needs a person, but first reading the train's Slack thread once: a
     * reply posted while no runner ran answers the question.
     */
    LocalRunner readingSlackOnce(Optional<SlackThreadReplies> slackReplies) {
        return new LocalRunner(ports, deployCommand, logDir, sleeper, progress, log, deployTimeout, false, slackReplies);
    }

    Outcome run(TrainStepper stepper) throws InterruptedException {
        Deque<Command> pending = new ArrayDeque<>(stepper.onStart(ports));
        List<Command> answered;
        while (true) {
            Command command = pending.poll();
            if (command == null) {
                throw new IllegalStateException("the train stepper of " + stepper.trainId() + " answered nothing");
            }
            if (command instanceof Command.StartBody body) {
                show(stepper, "deploying " + body.displayName() + " (attempt " + body.attempt() + ")");
                BodyOutcome outcome = deploy(stepper, body);
                pending.addAll(stepper.onBodyFinished(ports, body.target(), body.attempt(), outcome));
            } else if (command instanceof Command.ScheduleTimer timer) {
                show(stepper, "waiting until " + ProgressBar.time(timer.at()) + ": " + timer.reason());
                sleeper.sleepUntil(timer.at());
                pending.addAll(stepper.onTimer(ports));
            } else if (command instanceof Command.AwaitApproval approval && awaitApprovals) {
                show(stepper, "waiting for approval: " + approval.reason());
                pending.addAll(awaitDecision(stepper));
            } else if (command instanceof Command.AwaitApproval && !(answered = readSlack(stepper)).isEmpty()) {
                pending.addAll(answered);
            } else if (command instanceof Command.AwaitApproval approval) {
                show(stepper, "waiting for approval");
                progress.end();
                return new Outcome(ExitCodes.AWAITING_APPROVAL, "train " + approval.train() + " waits for approval: "
                        + approval.reason() + "\n  answer with: deploy-train approve --train " + approval.train()
                        + (approval.target() == null ? "" : " --target " + approval.target())
                        + " --action " + String.join("|", approval.choices().stream().map(c -> c.json()).toList())
                        + " --by NAME [--reason TEXT] --state DIR");
            } else if (command instanceof Command.Complete complete) {
                show(stepper, "complete");
                progress.end();
                return new Outcome(ExitCodes.COMPLETED, "train " + stepper.trainId() + " completed: " + complete.result());
            } else if (command instanceof Command.Fail fail) {
                show(stepper, "failed");
                progress.end();
                return new Outcome(ExitCodes.FAILED, "train " + stepper.trainId() + " failed: " + fail.error());
            }
        }
    }

    /**
     * Returns the stepper's next commands once a decision about the train lands in the ledger (or the train ended some
     * other way), or a reply in the train's Slack thread was applied.
     */
    private List<Command> awaitDecision(TrainStepper stepper) throws InterruptedException {
        Train waiting = train(stepper);
        Instant readSlackAt = Instant.now();
        while (true) {
            if (replies.isPresent() && !Instant.now().isBefore(readSlackAt)) {
                SlackThreadReplies.Poll poll = replies.get().poll(train(stepper));
                List<Command> next = applyAndRemember(stepper, poll);
                if (!next.isEmpty()) {
                    return next;
                }
                // real time, like Slack's Retry-After: a scaled clock must not make us poll Slack faster
                readSlackAt = Instant.now().plus(poll.again());
            }
            Thread.sleep(APPROVAL_POLL.toMillis());
            Train now = train(stepper);
            if (now.approvals().size() != waiting.approvals().size() || now.status().finished()) {
                return stepper.onTimer(ports);
            }
        }
    }

    /** The commands after the replies read once from the train's thread; empty when none moved the train (or no Slack). */
    private List<Command> readSlack(TrainStepper stepper) throws InterruptedException {
        return replies.isPresent() ? applyAndRemember(stepper, replies.get().pollOnce(train(stepper), SLACK_SETTLE)) : List.of();
    }

    private List<Command> applyAndRemember(TrainStepper stepper, SlackThreadReplies.Poll poll) {
        List<Command> next = apply(stepper, poll.approvals());
        replies.get().seen(stepper.trainId(), poll.lastSeenTs());
        return next;
    }

    /**
     * Applies replies in the order they were posted; one that does not fit the train any more (two people answered)
     * is refused in the thread. Returns the commands after the last one that moved the train.
     */
    private List<Command> apply(TrainStepper stepper, List<Approval> approvals) {
        List<Command> next = List.of();
        for (Approval a : approvals) {
            String what = a.by() + ": " + a.action().json() + (a.target() == null ? "" : " " + a.target());
            try {
                List<Command> answer = stepper.onApproval(ports, a);
                log.println("slack: applied the reply " + what);
                if (!answer.isEmpty()) {
                    next = answer;
                }
            } catch (IllegalArgumentException refused) {
                log.println("slack: refused the reply " + what + ": " + refused.getMessage());
                ports.notifier().notify(train(stepper), "refused the reply " + what + ": " + refused.getMessage());
            }
        }
        log.flush();
        return next;
    }

    private BodyOutcome deploy(TrainStepper stepper, Command.StartBody body) throws InterruptedException {
        String environment = body.environment().get("TRAIN_ENVIRONMENT");
        OrphanDeploys.awaitGone(stepper.trainId(), environment, log);
        Path output = logDir.resolve(fileName(stepper.trainId())).resolve(fileName(body.target()) + ".attempt-" + body.attempt() + ".log");
        ProcessBuilder builder = new ProcessBuilder(deployCommand).redirectErrorStream(true);
        builder.environment().putAll(body.environment());
        // the deploy has no use for the runner's Slack token; a deploy that prints its environment must not log it
        builder.environment().remove(SlackOptions.TOKEN_VARIABLE);
        Process process;
        try {
            Files.createDirectories(output.getParent());
            process = builder.redirectOutput(output.toFile()).start();
        } catch (IOException e) {
            return BodyOutcome.failure("cannot start the deploy command " + deployCommand.get(0) + ": " + e.getMessage());
        }
        stepper.onProcessStarted(ports, body.target(), body.attempt(), "pid:" + process.pid());
        if (deployTimeout.isPresent() && !process.waitFor(deployTimeout.get().toMillis(), TimeUnit.MILLISECONDS)) {
            // the children first: a killed shell would leave them orphaned, still deploying
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor();
            return BodyOutcome.failure("no result within " + Durations.format(deployTimeout.get())
                    + " (--deploy-timeout): the deploy was killed, output in " + output);
        }
        int exit = process.waitFor();
        return exit == 0 ? BodyOutcome.success() : BodyOutcome.failure("exit code " + exit + ", output in " + output);
    }

    /** One path segment: a train id or target (from a version or names in files) must never climb out of the log folder. */
    static String fileName(String id) {
        return id.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    private void show(TrainStepper stepper, String doing) {
        progress.show(train(stepper), ports.clock().instant(), doing);
    }

    private Train train(TrainStepper stepper) {
        return ports.ledger().load().orElseThrow().train(stepper.trainId()).orElseThrow();
    }

    /** Sleeps in real time for simulated time to pass under a {@link ScaledClock} (or the real clock). */
    static Sleeper sleeper(java.time.Clock clock, double scale) {
        return until -> {
            while (true) {
                Duration left = Duration.between(clock.instant(), until);
                if (left.isNegative() || left.isZero()) {
                    return;
                }
                long millis = Math.max(1, (long) Math.ceil(left.toNanos() / scale / 1_000_000.0));
                Thread.sleep(Math.min(millis, 1000));
            }
        };
    }
}
