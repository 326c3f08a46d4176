package io.jenkins.plugins.deploytrain.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.jenkins.plugins.deploytrain.ledger.FileLedgerStore;
import io.jenkins.plugins.deploytrain.ledger.Ledger;
import io.jenkins.plugins.deploytrain.ledger.LedgerDamagedException;
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
            Files.write(store.file(), bytes);
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

    private static FileLedgerStore twoRevisions(Path dir) {
        FileLedgerStore store = new FileLedgerStore(dir);
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
        assertThat(damaged.previousRevision()).as(what + ": the previous copy is intact and offered").contains(1L);
        return Optional.empty();
    }
}
