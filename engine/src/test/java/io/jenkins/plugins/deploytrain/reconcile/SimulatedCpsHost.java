package io.jenkins.plugins.deploytrain.reconcile;

import io.jenkins.plugins.deploytrain.approval.Approval;
import io.jenkins.plugins.deploytrain.approval.ApprovalAction;
import io.jenkins.plugins.deploytrain.ledger.InMemoryLedgerStore;
import io.jenkins.plugins.deploytrain.ledger.Ledger;
import io.jenkins.plugins.deploytrain.ledger.TargetRecord;
import io.jenkins.plugins.deploytrain.ledger.TargetStatus;
import io.jenkins.plugins.deploytrain.ledger.Train;
import io.jenkins.plugins.deploytrain.ledger.TrainStatus;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;

/**
 * A host that runs a {@link TrainStepper} the way Jenkins' CPS does: bodies finish later and are reported
 * from another thread, timers fire late, and at random points the host "restarts": it serializes the
 * stepper, throws every live object away, deserializes it and calls onResume(); timers and approval
 * requests do not survive a restart (the stepper must re-arm them). Sometimes the build dies instead: its
 * running bodies are lost and a fresh stepper (a new build, a new worker) starts on the same ledger.
 * Every invariant violation is recorded with the seed, so a failure can be replayed.
 */
final class SimulatedCpsHost {
    static final String JOB = "sim-job";
    static final String TRAIN = "train-1";
    static final Instant T0 = Instant.parse("2026-11-26T09:00:00Z");

    enum Kind { BODY_DONE, TIMER, ANSWER }

    record Event(Instant at, long seq, int build, Kind kind, String target, int attempt, boolean ok, Approval approval) {}

    record Body(String target, int attempt, int build) {}

    /** Deploys allowed only in the first 40 minutes of every hour (the rest is a blackout). */
    static final DeployWindows CALENDAR = (target, notBefore) -> {
        long minute = notBefore.getEpochSecond() / 60 % 60;
        return Optional.of(minute < 40 ? notBefore
                : notBefore.minusSeconds(notBefore.getEpochSecond() % 3600).plusSeconds(3600));
    };

    final long seed;
    private final Random rnd;
    private final VirtualClock clock = new VirtualClock(T0);
    private final SuccessCountingStore store = new SuccessCountingStore();
    private final PriorityQueue<Event> queue = new PriorityQueue<>(Comparator.comparing(Event::at).thenComparingLong(Event::seq));
    private final Map<String, Body> running = new HashMap<>();
    private final Set<String> approvalRequired = new HashSet<>();
    private final Set<String> questionsAsked = new HashSet<>();
    private final List<String> violations = new ArrayList<>();
    private final ExecutorService bodyThreads;
    private long seq;
    private int build = 1;
    private TrainStepper stepper;
    private Command terminal;
    int restarts;
    int deaths;
    int bodies;

    SimulatedCpsHost(long seed, ExecutorService bodyThreads) {
        this.seed = seed;
        this.rnd = new Random(seed);
        this.bodyThreads = bodyThreads;
    }

    private StepperPorts ports() {
        GateRunner gates = (target, gate, now) -> rnd.nextInt(5) == 0
                ? GateRunner.GateVerdict.fail("error rate 3.2% > 1%") : GateRunner.GateVerdict.pass("error rate 0.1%");
        return new StepperPorts(store, clock, gates, Notifier.NONE, CALENDAR, w -> w.equals("build-" + build),
                Duration.ofMinutes(2), Duration.ofHours(6));
    }

    Train createTrain() {
        List<TargetRecord> targets = new ArrayList<>();
        int environments = 2 + rnd.nextInt(4);
        for (int e = 0; e < environments; e++) {
            int zones = 1 + rnd.nextInt(3);
            String tier = e == 0 ? "shadow" : e == 1 ? "primary" : "production";
            for (int z = 0; z < zones; z++) {
                boolean approval = rnd.nextInt(5) == 0;
                String id = TargetRecord.idOf("env-" + e, "z" + z);
                if (approval) {
                    approvalRequired.add(id);
                }
                targets.add(new TargetRecord(id, targets.size(), "env-" + e, "z" + z, tier, "aws", "region-" + e,
                        Duration.ofMinutes(rnd.nextInt(30)), e == 1 && z == zones - 1 ? Duration.ofHours(2) : Duration.ZERO,
                        z == zones - 1, approval, rnd.nextBoolean() ? List.of("error-rate") : List.of(),
                        TargetStatus.PENDING, null, List.of(), List.of()));
            }
        }
        Train train = new Train(TRAIN, "svc", "2.0.0", TrainStatus.RUNNING, T0, "sim", targets, List.of(), List.of(), null, null);
        store.compareAndSet(0, Ledger.empty(JOB).withTrain(train));
        return train;
    }

    /** Runs the train to its end; returns the violations found (empty when every invariant held). */
    List<String> run() {
        createTrain();
        stepper = new TrainStepper(JOB, TRAIN, "build-" + build);
        handle(stepper.onStart(ports()));
        int events = 0;
        while (terminal == null) {
            if (++events > 20_000) {
                violations.add("no end after 20000 events");
                break;
            }
            if (rnd.nextInt(100) < 12) {
                restart();
                continue;
            }
            Event e = queue.poll();
            if (e == null) {
                violations.add("stalled at " + clock.instant() + ": a timer or an approval request was lost");
                break;
            }
            clock.set(e.at());
            deliver(e);
        }
        checkEnd();
        return violations;
    }

    private void restart() {
        byte[] saved = serialize(stepper);
        stepper = null;
        restarts++;
        // Timers and approval questions live in the controller's memory: gone after a restart.
        queue.removeIf(e -> e.kind() != Kind.BODY_DONE);
        questionsAsked.clear();
        if (rnd.nextInt(4) == 0) {
            deaths++;
            int dead = build;
            queue.removeIf(e -> e.build() == dead);
            running.values().removeIf(b -> b.build() == dead);
            build++;
            stepper = new TrainStepper(JOB, TRAIN, "build-" + build);
            handle(stepper.onStart(ports()));
        } else {
            stepper = deserialize(saved);
            handle(stepper.onResume(ports()));
        }
    }

    private void deliver(Event e) {
        switch (e.kind()) {
            case BODY_DONE -> {
                running.remove(envOf(e.target()));
                // CPS reports a body's end from another thread than the one that started it
                handle(onOtherThread(() -> stepper.onBodyFinished(ports(), e.target(), e.attempt(),
                        e.ok() ? BodyOutcome.success() : BodyOutcome.failure("exit code 1"))));
            }
            case TIMER -> handle(stepper.onTimer(ports()));
            case ANSWER -> {
                questionsAsked.remove(e.target() + "|" + e.approval().action());
                handle(stepper.onApproval(ports(), e.approval()));
            }
        }
    }

    private List<Command> onOtherThread(java.util.concurrent.Callable<List<Command>> call) {
        try {
            return bodyThreads.submit(call).get();
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        } catch (ExecutionException ex) {
            throw new IllegalStateException("seed " + seed, ex.getCause());
        }
    }

    private void handle(List<Command> commands) {
        for (Command c : commands) {
            if (c instanceof Command.StartBody s) {
                startBody(s);
            } else if (c instanceof Command.ScheduleTimer t) {
                Instant at = t.at().isBefore(clock.instant()) ? clock.instant() : t.at();
                schedule(at.plusSeconds(rnd.nextInt(300)), Kind.TIMER, null, 0, true, null);
            } else if (c instanceof Command.AwaitApproval a) {
                answerLater(a);
            } else if (c instanceof Command.Complete || c instanceof Command.Fail) {
                terminal = c;
            }
        }
    }

    private void startBody(Command.StartBody s) {
        bodies++;
        Instant now = clock.instant();
        Train train = store.load().orElseThrow().train(TRAIN).orElseThrow();
        TargetRecord target = train.target(s.target()).orElseThrow();
        String env = target.environment();
        if (running.containsKey(env)) {
            violations.add(now + ": body " + s.target() + "#" + s.attempt() + " started while " + running.get(env) + " runs");
        }
        if (!CALENDAR.earliestStart(target, now).orElseThrow().equals(now)) {
            violations.add(now + ": body " + s.target() + " started in a blackout");
        }
        train.targets().stream().filter(t -> t.index() < target.index() && !t.status().done())
                .forEach(t -> violations.add(now + ": body " + s.target() + " started before " + t.id() + " (" + t.status().json() + ")"));
        if (approvalRequired.contains(s.target()) && train.approvals().stream()
                .noneMatch(a -> s.target().equals(a.target()) && a.action() == ApprovalAction.PROCEED)) {
            violations.add(now + ": body " + s.target() + " started without its approval");
        }
        if (!s.environment().get("TRAIN_ATTEMPT").equals(Integer.toString(s.attempt()))) {
            violations.add("TRAIN_ATTEMPT " + s.environment().get("TRAIN_ATTEMPT") + " for attempt " + s.attempt());
        }
        running.put(env, new Body(s.target(), s.attempt(), build));
        schedule(now.plusSeconds(60 + rnd.nextInt(1200)), Kind.BODY_DONE, s.target(), s.attempt(), rnd.nextInt(7) != 0, null);
    }

    private void answerLater(Command.AwaitApproval a) {
        ApprovalAction action = a.choices().contains(ApprovalAction.RETRY)
                ? (a.choices().contains(ApprovalAction.PROCEED) && rnd.nextBoolean() ? ApprovalAction.PROCEED : ApprovalAction.RETRY)
                : a.choices().contains(ApprovalAction.PROCEED) ? ApprovalAction.PROCEED : ApprovalAction.RESUME;
        String key = a.target() + "|" + action;
        if (!questionsAsked.add(key)) {
            return;
        }
        Instant at = clock.instant().plusSeconds(60 + rnd.nextInt(3600));
        schedule(at, Kind.ANSWER, a.target(), 0, true, new Approval(TRAIN, a.target(), action, "oncall", "seed " + seed, at));
    }

    private void schedule(Instant at, Kind kind, String target, int attempt, boolean ok, Approval approval) {
        queue.add(new Event(at, seq++, build, kind, target, attempt, ok, approval));
    }

    private void checkEnd() {
        if (!(terminal instanceof Command.Complete)) {
            violations.add("train did not complete: " + terminal);
            return;
        }
        Train train = store.load().orElseThrow().train(TRAIN).orElseThrow();
        if (train.status() != TrainStatus.SUCCEEDED) {
            violations.add("train status " + train.status());
        }
        for (TargetRecord t : train.targets()) {
            if (t.status() != TargetStatus.SUCCEEDED) {
                violations.add(t.id() + " ended " + t.status().json());
            }
            int successes = store.successes.getOrDefault(t.id(), 0);
            if (successes != 1) {
                violations.add(t.id() + " became succeeded " + successes + " times");
            }
        }
        violations.addAll(store.regressions);
    }

    private static String envOf(String targetId) {
        return targetId.substring(0, targetId.indexOf('/'));
    }

    private static byte[] serialize(TrainStepper s) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static TrainStepper deserialize(byte[] bytes) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            return (TrainStepper) in.readObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}

/** The in-memory store, counting every write that turns a target succeeded and every write that undoes one. */
final class SuccessCountingStore implements io.jenkins.plugins.deploytrain.ledger.LedgerStore {
    private final InMemoryLedgerStore delegate = new InMemoryLedgerStore();
    final Map<String, Integer> successes = new HashMap<>();
    final List<String> regressions = new ArrayList<>();

    @Override
    public Optional<Ledger> load() {
        return delegate.load();
    }

    @Override
    public synchronized Ledger compareAndSet(long expectedRevision, Ledger next) {
        Optional<Train> before = delegate.load().flatMap(l -> l.train(SimulatedCpsHost.TRAIN));
        Ledger stored = delegate.compareAndSet(expectedRevision, next);
        Train after = stored.train(SimulatedCpsHost.TRAIN).orElseThrow();
        for (TargetRecord t : after.targets()) {
            TargetStatus was = before.flatMap(b -> b.target(t.id())).map(TargetRecord::status).orElse(TargetStatus.PENDING);
            if (was != TargetStatus.SUCCEEDED && t.status() == TargetStatus.SUCCEEDED) {
                successes.merge(t.id(), 1, Integer::sum);
            }
            if (was == TargetStatus.SUCCEEDED && t.status() != TargetStatus.SUCCEEDED) {
                regressions.add(t.id() + " went from succeeded to " + t.status().json());
            }
        }
        return stored;
    }

    @Override
    public String location() {
        return delegate.location();
    }
}
