package io.jenkins.plugins.deploytrain.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.deploytrain.approval.Approval;
import io.jenkins.plugins.deploytrain.approval.ApprovalAction;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterProperty;

/**
 * Whatever the transitions and wherever the snapshots fall, the snapshot replayed with its journal (what a new
 * process reads) is the ledger the writer holds in memory, after every write.
 */
class LedgerJournalProperties {

    enum Kind { NEW_TRAIN, TARGET_STATUS, ATTEMPT, AUDIT, APPROVAL, TAKE_LEASE, DROP_LEASE, FINISH, SILENCE, REREAD }

    /** One transition: what, on which train (modulo the trains there are), which target and a number. */
    record Step(Kind kind, int train, int target, int n) {}

    @Provide
    Arbitrary<List<Step>> transitions() {
        return Combinators.combine(Arbitraries.of(Kind.class), Arbitraries.integers().between(0, 5),
                Arbitraries.integers().between(0, 20), Arbitraries.integers().between(0, 1000))
                .as(Step::new).list().ofMinSize(1).ofMaxSize(40);
    }

    @Property(tries = 80)
    void theSnapshotReplayedWithItsJournalIsTheLedgerInMemory(@ForAll("transitions") List<Step> steps,
            @ForAll @IntRange(min = 1, max = 7) int compactEvery) throws IOException {
        Path dir = Files.createTempDirectory("journal-prop");
        try {
            FileLedgerStore store = new FileLedgerStore(dir, new Retention(2), compactEvery);
            Ledger memory = store.compareAndSet(0, Ledger.empty("job").withTrain(SampleLedgers.train("t0", 2, 2)));
            int trains = 1;
            for (Step step : steps) {
                Ledger next = apply(memory, step, trains);
                if (step.kind() == Kind.NEW_TRAIN) {
                    trains++;
                }
                assertThat(LedgerTransition.same(next, memory)).as("same() is equals() by identity first").isEqualTo(next.equals(memory));
                assertThat(LedgerTransition.same(LedgerJson.parse(LedgerJson.render(memory)), memory)).isTrue();
                if (next.equals(memory)) {
                    continue;
                }
                memory = store.compareAndSet(memory.revision(), next);
                assertThat(store.load()).as("after %s, read by the writer", step).contains(memory);
                FileLedgerStore.forgetLoaded();
                assertThat(new FileLedgerStore(dir).load()).as("after %s, read by a new process", step).contains(memory);
            }
        } finally {
            deleteTree(dir);
        }
    }

    @AfterProperty
    void forget() {
        FileLedgerStore.forgetLoaded();
    }

    private static Ledger apply(Ledger l, Step s, int trains) {
        Instant at = SampleLedgers.T0.plusSeconds(s.n());
        if (s.kind() == Kind.NEW_TRAIN) {
            return l.withTrain(SampleLedgers.train("t" + trains, 1 + s.target() % 3, 1 + s.n() % 2));
        }
        if (s.kind() == Kind.REREAD) {
            // equal records that are other objects (as read back from JSON): the diff must compare by value too
            return LedgerJson.parse(LedgerJson.render(l)).updateTrain(l.trains().get(s.train() % l.trains().size()).id(),
                    t -> t.audited(new AuditEntry(at, "reader", "reread", null, null)));
        }
        if (s.kind() == Kind.TAKE_LEASE) {
            return l.withLease(new Lease("env-" + s.target() % 3, "w" + s.n(), "t0", "env-0/z0", at));
        }
        if (s.kind() == Kind.DROP_LEASE) {
            return l.withoutLease("env-" + s.target() % 3);
        }
        Train train = l.trains().get(s.train() % l.trains().size());
        String target = train.targets().get(s.target() % train.targets().size()).id();
        return l.updateTrain(train.id(), t -> switch (s.kind()) {
            case TARGET_STATUS -> t.withTarget(target, r -> r.withStatus(TargetStatus.values()[s.n() % TargetStatus.values().length]));
            case ATTEMPT -> t.withTarget(target, r -> r.withAttempt(Attempt.intent(r.attemptCount() + 1, at, "w" + s.n()))
                    .soakingUntil(at.plus(Duration.ofMinutes(s.n()))));
            case AUDIT -> t.audited(new AuditEntry(at, "w", "step-" + s.n(), target, s.n() % 2 == 0 ? null : "why"));
            case APPROVAL -> t.withApproval(new Approval(t.id(), target, ApprovalAction.PROCEED, "bob", "ok", at));
            case FINISH -> t.withStatus(TrainStatus.values()[s.n() % TrainStatus.values().length], "why " + s.n(), at);
            case SILENCE -> t.withSilences(TrainSilence.keyOf(t.id(), s.n()),
                    List.of(TrainSilence.intent(TrainSilence.keyOf(t.id(), s.n()), target, "gate", at)));
            default -> throw new IllegalStateException(s.kind().toString());
        });
    }

    private static void deleteTree(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
