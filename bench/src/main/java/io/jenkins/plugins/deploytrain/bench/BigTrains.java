package io.jenkins.plugins.deploytrain.bench;

import io.jenkins.plugins.deploytrain.fleet.Fleet;
import io.jenkins.plugins.deploytrain.fleet.FleetLoader;
import io.jenkins.plugins.deploytrain.ledger.Attempt;
import io.jenkins.plugins.deploytrain.ledger.AttemptOutcome;
import io.jenkins.plugins.deploytrain.ledger.AuditEntry;
import io.jenkins.plugins.deploytrain.ledger.Ledger;
import io.jenkins.plugins.deploytrain.ledger.LedgerJson;
import io.jenkins.plugins.deploytrain.ledger.LedgerStore;
import io.jenkins.plugins.deploytrain.ledger.RevisionConflictException;
import io.jenkins.plugins.deploytrain.ledger.TargetRecord;
import io.jenkins.plugins.deploytrain.ledger.TargetStatus;
import io.jenkins.plugins.deploytrain.ledger.Train;
import io.jenkins.plugins.deploytrain.ledger.TrainStatus;
import io.jenkins.plugins.deploytrain.plan.TrainSpec;
import io.jenkins.plugins.deploytrain.plan.TrainSpecLoader;
import io.jenkins.plugins.deploytrain.reconcile.PlannedTrain;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Running trains of the generated fleet at several sizes (environments x 3 zones), half way through: every
 * done target has its attempt and the stepper's three audit entries, as a real train would.
 */
final class BigTrains {

    static final Instant MONDAY = Instant.parse("2026-11-30T08:00:00Z");

    private BigTrains() {}

    static List<TargetRecord> targets(int environments) throws IOException {
        Path examples = Path.of(System.getProperty("deploytrain.examples", "examples"));
        Fleet fleet = FleetLoader.parse(GeneratedFleet.yaml(environments), "fleet.yaml");
        TrainSpec spec = TrainSpecLoader.parse(Files.readString(examples.resolve("train.yaml")), "train.yaml", Optional.of(fleet));
        return PlannedTrain.of(fleet, spec).targets();
    }

    /** A running train named {@code t} whose targets before {@code done} succeeded. */
    static Ledger halfWay(List<TargetRecord> targets, int done) {
        List<TargetRecord> records = new ArrayList<>();
        List<AuditEntry> audit = new ArrayList<>();
        audit.add(new AuditEntry(MONDAY, "bench", "start", null, "bench train"));
        for (TargetRecord t : targets) {
            if (t.index() < done) {
                Instant at = MONDAY.plus(Duration.ofMinutes(t.index()));
                records.add(t.withAttempt(Attempt.intent(1, at, "w").ended(at.plusSeconds(30), AttemptOutcome.SUCCEEDED, null))
                        .withStatus(TargetStatus.SUCCEEDED));
                audit.add(new AuditEntry(at, "w", "deploy-intent", t.id(), "attempt 1"));
                audit.add(new AuditEntry(at.plusSeconds(30), "w", "deploy-succeeded", t.id(), "attempt 1"));
                audit.add(new AuditEntry(at.plusSeconds(60), "w", "target-succeeded", t.id(), null));
            } else {
                records.add(t);
            }
        }
        return Ledger.empty("bench").withTrain(new Train("t", "svc", "1.0", TrainStatus.RUNNING, MONDAY, "bench", records,
                List.of(), audit, null, null)).atRevision(1);
    }

    /** The ledger in memory, so that what is measured is the engine's work per event and not the store's. */
    static final class MemoryStore implements LedgerStore {
        private Ledger stored;

        void reset(Ledger ledger) {
            stored = ledger;
        }

        @Override
        public Optional<Ledger> load() {
            return Optional.ofNullable(stored);
        }

        @Override
        public Ledger compareAndSet(long expectedRevision, Ledger next) {
            long current = stored == null ? 0 : stored.revision();
            if (current != expectedRevision) {
                throw new RevisionConflictException("memory", expectedRevision, current);
            }
            stored = next.atRevision(expectedRevision + 1);
            return stored;
        }

        @Override
        public String location() {
            return "memory";
        }
    }

    /** The ledger as its JSON bytes in memory: every read parses them, every write renders them. */
    static final class JsonStore implements LedgerStore {
        private byte[] stored;

        void reset(Ledger ledger) {
            stored = LedgerJson.render(ledger);
        }

        @Override
        public Optional<Ledger> load() {
            return stored == null ? Optional.empty() : Optional.of(LedgerJson.parse(stored));
        }

        @Override
        public Ledger compareAndSet(long expectedRevision, Ledger next) {
            long current = load().map(Ledger::revision).orElse(0L);
            if (current != expectedRevision) {
                throw new RevisionConflictException("json", expectedRevision, current);
            }
            Ledger written = next.atRevision(expectedRevision + 1);
            stored = LedgerJson.render(written);
            return written;
        }

        @Override
        public String location() {
            return "json";
        }
    }

    /** Counts the loads and writes of a store. */
    static final class Counting implements LedgerStore {
        private final LedgerStore store;
        long loads;
        long writes;

        Counting(LedgerStore store) {
            this.store = store;
        }

        @Override
        public Optional<Ledger> load() {
            loads++;
            return store.load();
        }

        @Override
        public Ledger compareAndSet(long expectedRevision, Ledger next) {
            writes++;
            return store.compareAndSet(expectedRevision, next);
        }

        @Override
        public String location() {
            return store.location();
        }
    }

    static void check(boolean condition, String what) {
        if (!condition) {
            throw new IllegalStateException("benchmark set-up: " + what);
        }
    }
}
