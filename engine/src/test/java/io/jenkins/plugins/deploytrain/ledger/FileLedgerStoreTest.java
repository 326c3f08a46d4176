package io.jenkins.plugins.deploytrain.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileLedgerStoreTest {

    @TempDir
    Path dir;

    @Test
    void storesAndReadsBackTheSameLedgerAtTheNextRevision() {
        FileLedgerStore store = new FileLedgerStore(dir);
        assertThat(store.load()).isEmpty();

        Ledger stored = store.compareAndSet(0, SampleLedgers.withOneTrain());

        assertThat(stored.revision()).isEqualTo(1);
        assertThat(store.load()).contains(stored);
        assertThat(new FileLedgerStore(dir).load()).contains(stored);
    }

    @Test
    void aStaleWriterLosesInsteadOfOverwriting() {
        FileLedgerStore store = new FileLedgerStore(dir);
        Ledger first = store.compareAndSet(0, SampleLedgers.withOneTrain());
        store.compareAndSet(first.revision(), first.withTrain(SampleLedgers.train("t2", 1, 1)));

        assertThatThrownBy(() -> store.compareAndSet(first.revision(), first.withTrain(SampleLedgers.train("t3", 1, 1))))
                .isInstanceOf(RevisionConflictException.class)
                .hasMessageContaining("revision 2, not 1");
        assertThat(store.load().orElseThrow().train("t2")).isPresent();
        assertThat(store.load().orElseThrow().train("t3")).isEmpty();
    }

    @Test
    void aTornSnapshotIsRefusedNamingTheFileAndThePreviousStateIsOfferedAndRestored() throws Exception {
        FileLedgerStore store = new FileLedgerStore(dir, Retention.DEFAULT, 1); // every write a snapshot
        Ledger first = store.compareAndSet(0, SampleLedgers.withOneTrain());
        Ledger second = store.compareAndSet(1, first.withTrain(SampleLedgers.train("t2", 1, 1)));
        byte[] whole = Files.readAllBytes(store.file());
        Files.write(store.file(), java.util.Arrays.copyOf(whole, whole.length / 2));

        assertThatThrownBy(store::load)
                .isInstanceOf(LedgerDamagedException.class)
                .hasMessageContaining(store.file().toString())
                .hasMessageContaining("not valid JSON at line")
                .hasMessageContaining("ledger.json.prev (revision 2, with the journals that continue it) is intact");

        Ledger restored = store.restorePrevious();

        assertThat(restored).as("the previous snapshot and its journal hold the last write").isEqualTo(second.atRevision(3));
        assertThat(store.load()).contains(restored);
        assertThat(dir.resolve("ledger.json.damaged")).exists();
    }

    @Test
    void withoutAnIntactPreviousSnapshotNothingIsOffered() throws Exception {
        FileLedgerStore store = new FileLedgerStore(dir);
        Ledger first = store.compareAndSet(0, SampleLedgers.withOneTrain());
        store.compareAndSet(1, first.withTrain(SampleLedgers.train("t2", 1, 1)));
        byte[] whole = Files.readAllBytes(store.file());
        Files.write(store.file(), java.util.Arrays.copyOf(whole, whole.length / 2));

        assertThatThrownBy(store::load).isInstanceOf(LedgerDamagedException.class).hasMessageContaining("No intact previous copy");
        assertThatThrownBy(store::restorePrevious).hasMessageContaining("no intact previous state is left");
    }

    @Test
    void aFileEditedByHandIsRefusedNamingTheChecksumField() throws Exception {
        FileLedgerStore store = new FileLedgerStore(dir);
        store.compareAndSet(0, SampleLedgers.withOneTrain());
        String text = Files.readString(store.file());
        Files.writeString(store.file(), text.replace("\"status\" : \"pending\"", "\"status\" : \"succeeded\""));

        assertThatThrownBy(store::load)
                .isInstanceOf(LedgerDamagedException.class)
                .hasMessageContaining(store.file().toString())
                .hasMessageContaining("field checksum is sha256:")
                .hasMessageContaining("No intact previous copy");
    }

    @Test
    void reindentingTheFileKeepsItValid() throws Exception {
        FileLedgerStore store = new FileLedgerStore(dir);
        Ledger stored = store.compareAndSet(0, SampleLedgers.withOneTrain());
        String compact = LedgerJson.mapper().readTree(Files.readAllBytes(store.file())).toString();
        Files.writeString(store.file(), compact, StandardCharsets.UTF_8);

        assertThat(store.load()).contains(stored);
    }

    @Test
    void aLedgerFromANewerVersionIsRefusedWithItsSchemaVersion() throws Exception {
        FileLedgerStore store = new FileLedgerStore(dir);
        store.compareAndSet(0, SampleLedgers.withOneTrain());
        String text = Files.readString(store.file());
        Path edited = dir.resolve("edited");
        Files.writeString(edited, text.replace("\"schemaVersion\" : 1", "\"schemaVersion\" : 7"));
        Files.move(edited, store.file(), java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        assertThatThrownBy(store::load).hasMessageContaining("field schemaVersion is 7, written by a newer deploy-train");
    }

    @Test
    void retentionKeepsOnlyTheNewestFinishedTrains() {
        FileLedgerStore store = new FileLedgerStore(dir, new Retention(2));
        Ledger ledger = Ledger.empty("job");
        for (int i = 1; i <= 4; i++) {
            ledger = ledger.withTrain(SampleLedgers.train("t" + i, 1, 1)
                    .withStatus(TrainStatus.SUCCEEDED, "done", SampleLedgers.T0.plus(Duration.ofHours(i))));
        }
        ledger = ledger.withTrain(SampleLedgers.train("t5", 1, 1));

        Ledger stored = store.compareAndSet(0, ledger);

        assertThat(stored.trains()).extracting(Train::id).containsExactly("t3", "t4", "t5");
    }

    @Test
    void ofManyThreadsWritingFromTheSameRevisionExactlyOneWins() throws Exception {
        FileLedgerStore store = new FileLedgerStore(dir);
        Ledger base = store.compareAndSet(0, SampleLedgers.withOneTrain());
        int writers = 8;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            String id = "w" + i;
            results.add(pool.submit(() -> {
                go.await();
                try {
                    new FileLedgerStore(dir).compareAndSet(base.revision(), base.withTrain(SampleLedgers.train(id, 1, 1)));
                    return true;
                } catch (RevisionConflictException lost) {
                    return false;
                }
            }));
        }
        go.countDown();
        int won = 0;
        for (Future<Boolean> r : results) {
            won += r.get(30, TimeUnit.SECONDS) ? 1 : 0;
        }
        pool.shutdown();

        assertThat(won).isEqualTo(1);
        Ledger last = store.load().orElseThrow();
        assertThat(last.revision()).isEqualTo(2);
        assertThat(last.trains()).hasSize(2);
    }

    @Test
    void ofTwoProcessesWritingFromTheSameRevisionExactlyOneWins() throws Exception {
        FileLedgerStore store = new FileLedgerStore(dir);
        store.compareAndSet(0, SampleLedgers.withOneTrain());
        for (int round = 0; round < 3; round++) {
            long revision = store.load().orElseThrow().revision();
            Path go = dir.resolve("go-" + round);
            List<Process> contenders = new ArrayList<>();
            for (String name : List.of("a" + round, "b" + round)) {
                contenders.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp", System.getProperty("java.class.path"), CasContender.class.getName(), dir.toString(),
                        Long.toString(revision), name, go.toString())
                        .redirectErrorStream(true).start());
            }
            Files.createFile(go);
            int won = 0;
            for (Process p : contenders) {
                assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
                assertThat(out).isIn("WON", "LOST");
                won += out.equals("WON") ? 1 : 0;
            }
            assertThat(won).as("round %d", round).isEqualTo(1);
            assertThat(store.load().orElseThrow().revision()).isEqualTo(revision + 1);
        }
    }

    @Test
    void updatesFromManyThreadsAreAllKept() throws Exception {
        FileLedgerStore store = new FileLedgerStore(dir);
        Ledger base = store.compareAndSet(0, SampleLedgers.withOneTrain());
        int writers = 8;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<Ledger>> results = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            String id = "u" + i;
            results.add(pool.submit(() -> {
                go.await();
                return new FileLedgerStore(dir).update("job", l -> l.withTrain(SampleLedgers.train(id, 1, 1)));
            }));
        }
        go.countDown();
        for (Future<Ledger> r : results) {
            r.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();

        FileLedgerStore.forgetLoaded();
        Ledger last = new FileLedgerStore(dir).load().orElseThrow();
        assertThat(last.revision()).isEqualTo(base.revision() + writers);
        assertThat(last.trains()).hasSize(1 + writers);
    }

    @Test
    void aChangeThatReadsTheLedgerAgainInsideAnUpdateIsServedUnderTheSameLock() {
        FileLedgerStore store = new FileLedgerStore(dir);
        Ledger base = store.compareAndSet(0, SampleLedgers.withOneTrain());

        Ledger stored = store.update("job", l -> {
            FileLedgerStore.forgetLoaded(); // the read inside goes to the files, under the lock this thread holds
            assertThat(new FileLedgerStore(dir).load()).contains(l);
            return l.withTrain(SampleLedgers.train("t2", 1, 1));
        });

        assertThat(stored.revision()).isEqualTo(base.revision() + 1);
        FileLedgerStore.forgetLoaded();
        assertThat(new FileLedgerStore(dir).load()).contains(stored);
    }

    @Test
    void aChangeThatWritesTheLedgerItChangesIsRefusedAndNothingIsLost() {
        FileLedgerStore store = new FileLedgerStore(dir);
        Ledger base = store.compareAndSet(0, SampleLedgers.withOneTrain());

        assertThatThrownBy(() -> store.update("job", l -> {
                    // under the reentrant lock this write would skip the revision check and be overwritten
                    new FileLedgerStore(dir).compareAndSet(l.revision(), l.withTrain(SampleLedgers.train("nested", 1, 1)));
                    return l.withTrain(SampleLedgers.train("outer", 1, 1));
                }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("may read it but not write it");

        FileLedgerStore.forgetLoaded();
        assertThat(new FileLedgerStore(dir).load()).contains(base);
        assertThat(store.update("job", l -> l.withTrain(SampleLedgers.train("after", 1, 1))).revision())
                .as("the store is usable after the refusal").isEqualTo(base.revision() + 1);
    }

    @Test
    void anUpdateContinuesWhatAnotherProcessAppendedSinceThisOneLastRead() throws Exception {
        FileLedgerStore store = new FileLedgerStore(dir);
        Ledger base = store.compareAndSet(0, SampleLedgers.withOneTrain());
        store.update("job", l -> l.withTrain(SampleLedgers.train("mine", 1, 1)));
        Path go = dir.resolve("go");
        Files.createFile(go);
        Process other = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CasContender.class.getName(), dir.toString(),
                Long.toString(base.revision() + 1), "theirs", go.toString())
                .redirectErrorStream(true).start();
        assertThat(other.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(new String(other.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim()).isEqualTo("WON");

        Ledger stored = store.update("job", l -> l.withTrain(SampleLedgers.train("mine-again", 1, 1)));

        assertThat(stored.revision()).isEqualTo(base.revision() + 3);
        assertThat(stored.trains()).extracting(Train::id).contains("mine", "theirs", "mine-again");
        FileLedgerStore.forgetLoaded();
        assertThat(new FileLedgerStore(dir).load()).contains(stored);
    }
}
