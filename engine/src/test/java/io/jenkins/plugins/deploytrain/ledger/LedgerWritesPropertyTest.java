package io.jenkins.plugins.deploytrain.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever the interleaving of writers with stale reads, every acknowledged write is in the ledger. */
class LedgerWritesPropertyTest {

    /** One step of a writer: read the ledger now, or write an audit entry on top of what it last read. */
    record Step(int writer, boolean read) {}

    @Provide
    Arbitrary<List<Step>> schedules() {
        return Arbitraries.integers().between(0, 2).flatMap(w -> Arbitraries.of(true, false).map(r -> new Step(w, r)))
                .list().ofMinSize(1).ofMaxSize(40);
    }

    @Property(tries = 60)
    void noAcknowledgedWriteIsEverLost(@ForAll("schedules") List<Step> schedule) throws IOException {
        Path dir = Files.createTempDirectory("ledger-prop");
        try {
            FileLedgerStore store = new FileLedgerStore(dir);
            store.compareAndSet(0, SampleLedgers.withOneTrain());
            Ledger[] views = new Ledger[3];
            List<String> acknowledged = new ArrayList<>();
            int n = 0;
            for (Step step : schedule) {
                if (step.read() || views[step.writer()] == null) {
                    views[step.writer()] = store.load().orElseThrow();
                    continue;
                }
                String what = "w" + step.writer() + "-" + n++;
                Ledger view = views[step.writer()];
                Ledger next = view.updateTrain("t1", t -> t.audited(new AuditEntry(SampleLedgers.T0, "w", what, null, null)));
                try {
                    views[step.writer()] = store.compareAndSet(view.revision(), next);
                    acknowledged.add(what);
                } catch (RevisionConflictException lost) {
                    views[step.writer()] = null;
                }
            }
            Ledger last = store.load().orElseThrow();
            List<String> inLedger = last.train("t1").orElseThrow().audit().stream().map(AuditEntry::what)
                    .filter(w -> !w.equals("start")).toList();
            assertThat(inLedger).containsExactlyElementsOf(acknowledged);
            assertThat(last.revision()).isEqualTo(1 + acknowledged.size());
        } finally {
            deleteTree(dir);
        }
    }

    private static void deleteTree(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
