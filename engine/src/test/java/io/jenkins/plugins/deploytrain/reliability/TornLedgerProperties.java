package io.jenkins.plugins.deploytrain.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.jenkins.plugins.deploytrain.ledger.FileLedgerStore;
import io.jenkins.plugins.deploytrain.ledger.Ledger;
import io.jenkins.plugins.deploytrain.ledger.LedgerDamagedException;
import io.jenkins.plugins.deploytrain.ledger.Retention;
import io.jenkins.plugins.deploytrain.ledger.SampleLedgers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * A ledger file cut short at any byte (a torn write) or edited at random is refused with a
 * LedgerDamagedException naming the file and offering the intact previous copy; it is never read as a
 * different ledger and never fails with another exception type.
 */
class TornLedgerProperties {

    private static final ReliabilityFigures FIGURES = new ReliabilityFigures(TornLedgerProperties.class);

    @Example
    void aLedgerTornAtEveryByteOffsetIsRefusedAndThePreviousCopyIsOffered() throws IOException {
        Path dir = Files.createTempDirectory("torn-ledger");
        FileLedgerStore store = twoRevisions(dir);
        byte[] whole = Files.readAllBytes(store.file());
        for (int length = 0; length < whole.length; length++) {
            Files.write(store.file(), Arrays.copyOf(whole, length));
            Optional<Ledger> loaded = loadOrDamaged(store, "a ledger cut at byte " + length);
            assertThat(loaded).as("cut at byte %d of %d", length, whole.length).isEmpty();
            FIGURES.count("torn writes refused");
        }
        Files.write(store.file(), whole);
        assertThat(store.load()).map(Ledger::revision).contains(2L);
        TempDirs.delete(dir);
    }

    @Property(tries = 500)
    void aRandomlyEditedLedgerIsRefusedOrReadsAsTheSameLedger(@ForAll @IntRange(min = 0, max = 1_000_000) int position,
            @ForAll byte replacement) throws IOException {
        Path dir = Files.createTempDirectory("edited-ledger");
        try {
            FileLedgerStore store = twoRevisions(dir);
            Ledger original = store.load().orElseThrow();
            byte[] bytes = Files.readAllBytes(store.file());
            int at = position % bytes.length;
            bytes[at] = replacement;
            // put in place as an editor does (a new file renamed over the old one), which a reader that
            // remembers the ledger sees by its inode even when the size and modification time are the same
            Path edited = dir.resolve("edited");
            Files.write(edited, bytes);
            Files.move(edited, store.file(), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            FIGURES.count("random edits");
            Optional<Ledger> loaded = loadOrDamaged(store, "a ledger with byte " + at + " replaced");
            loaded.ifPresent(l -> assertThat(l).as("an edit that still loads must not change the ledger").isEqualTo(original));
        } finally {
            TempDirs.delete(dir);
        }
    }

    @AfterContainer
    static void writeFigures() {
        FIGURES.write();
    }

    /** Two revisions, each written as a snapshot (so the second's previous copy is the first). */
    private static FileLedgerStore twoRevisions(Path dir) {
        FileLedgerStore store = new FileLedgerStore(dir, Retention.DEFAULT, 1);
        Ledger first = store.compareAndSet(0, SampleLedgers.withOneTrain());
        store.compareAndSet(first.revision(), first.withTrain(SampleLedgers.train("t2", 4, 3)));
        return store;
    }

    /** The loaded ledger, or empty when it was refused as damaged; any other failure fails the test. */
    private static Optional<Ledger> loadOrDamaged(FileLedgerStore store, String what) {
        Throwable thrown = catchThrowable(store::load);
        if (thrown == null) {
            return store.load();
        }
        assertThat(thrown).as(what).isInstanceOf(LedgerDamagedException.class);
        LedgerDamagedException damaged = (LedgerDamagedException) thrown;
        assertThat(damaged.getMessage()).as(what).contains(store.file().toString());
        // the previous snapshot continued by its journal: the state before the damage, nothing lost
        assertThat(damaged.previousRevision()).as(what + ": the previous state is intact and offered").contains(2L);
        return Optional.empty();
    }
}
