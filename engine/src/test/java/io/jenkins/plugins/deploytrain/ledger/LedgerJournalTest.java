package io.jenkins.plugins.deploytrain.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal: what a write appends, what a read replays, and what a torn or damaged journal reads as. */
class LedgerJournalTest {

    @TempDir
    Path dir;

    @AfterEach
    void forget() {
        FileLedgerStore.forgetLoaded();
    }

    /** Writes {@code count} revisions after the first, each a target moving on and an audit entry. */
    private static List<Ledger> revisions(FileLedgerStore store, int count) {
        List<Ledger> all = new ArrayList<>();
        Ledger at = store.compareAndSet(0, SampleLedgers.withOneTrain());
        all.add(at);
        for (int i = 0; i < count; i++) {
            String target = SampleLedgers.train("t1", 3, 2).targets().get(i % 6).id();
            int n = i;
            Ledger next = at.updateTrain("t1", t -> t.withTarget(target, r -> r.withStatus(
                    n % 2 == 0 ? TargetStatus.DEPLOYING : TargetStatus.SUCCEEDED))
                    .audited(new AuditEntry(SampleLedgers.T0.plusSeconds(n), "w", "step-" + n, target, null)));
            at = store.compareAndSet(at.revision(), next);
            all.add(at);
        }
        return all;
    }

    /** A new process's read: nothing remembered. */
    private static Ledger cold(Path dir) {
        FileLedgerStore.forgetLoaded();
        return new FileLedgerStore(dir).load().orElseThrow();
    }

    /** Puts new content in place the way an editor or another program does: a new file renamed over the old. */
    private static void replace(Path file, byte[] bytes) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".edit");
        Files.write(tmp, bytes);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void aWriteAppendsOneRecordTheSizeOfTheChangeNotOfTheTrain() throws Exception {
        FileLedgerStore store = new FileLedgerStore(dir);
        Ledger first = store.compareAndSet(0, Ledger.empty("job").withTrain(SampleLedgers.train("big", 300, 3)));
        long snapshot = Files.size(store.file());
        long before = Files.size(store.journal());

        Ledger second = store.compareAndSet(1, first.updateTrain("big",
                t -> t.withTarget("env-7/z1", r -> r.withStatus(TargetStatus.DEPLOYING))));

        assertThat(Files.size(store.file())).as("the snapshot is not rewritten").isEqualTo(snapshot);
        long record = Files.size(store.journal()) - before;
        assertThat(record).as("one record, about one target's worth").isBetween(100L, 2_000L);
        assertThat(snapshot).isGreaterThan(300_000L);
        assertThat(cold(dir)).isEqualTo(second);
    }

    @Test
    void aLedgerWrittenBeforeTheJournalLoadsAndItsFirstWriteStartsTheJournal() throws Exception {
        // ledger.json as every earlier version wrote it: the whole ledger with its checksum, nothing else
        Ledger old = SampleLedgers.withOneTrain().atRevision(41);
        Files.write(dir.resolve(FileLedgerStore.FILE), LedgerJson.render(old));
        FileLedgerStore store = new FileLedgerStore(dir);

        assertThat(store.load()).contains(old);
        Ledger next = store.compareAndSet(41, old.updateTrain("t1", t -> t.withStatus(TrainStatus.PAUSED, "held", SampleLedgers.T0)));

        assertThat(next.revision()).isEqualTo(42);
        assertThat(store.journal()).exists();
        assertThat(LedgerJson.parse(Files.readAllBytes(store.file()))).as("the snapshot is still the old file").isEqualTo(old);
        assertThat(cold(dir)).isEqualTo(next);
    }

    @Test
    void aTornJournalCutAtEveryByteReadsAsTheRecordsWhollyBeforeTheCut() throws Exception {
        FileLedgerStore store = new FileLedgerStore(dir);
        List<Ledger> written = revisions(store, 4);
        byte[] whole = Files.readAllBytes(store.journal());
        List<Long> ends = recordEnds(whole);
        assertThat(ends).hasSize(5); // the header and four records
        for (int cut = (int) (long) ends.get(0); cut < whole.length; cut++) {
            replace(store.journal(), Arrays.copyOf(whole, cut));
            int complete = 0;
            for (long end : ends.subList(1, ends.size())) {
                complete += end <= cut ? 1 : 0;
            }
            assertThat(cold(dir)).as("journal cut at byte %d", cut).isEqualTo(written.get(complete));
        }
        // the next write drops the torn tail and appends after the last intact record
        replace(store.journal(), Arrays.copyOf(whole, whole.length - 3));
        Ledger kept = new FileLedgerStore(dir).load().orElseThrow();
        Ledger next = store.compareAndSet(kept.revision(), kept.updateTrain("t1", t -> t.withStatus(TrainStatus.PAUSED, "x", SampleLedgers.T0)));
        assertThat(next.revision()).isEqualTo(5);
        assertThat(cold(dir)).isEqualTo(next);
    }

    @Test
    void everyFlippedBitIsRefusedOrDropsOnlyTheLastRecord() throws Exception {
        FileLedgerStore store = new FileLedgerStore(dir);
        List<Ledger> written = revisions(store, 3);
        byte[] whole = Files.readAllBytes(store.journal());
        List<Long> ends = recordEnds(whole);
        long lastStart = ends.get(ends.size() - 2);
        int refused = 0;
        for (int bit = 0; bit < whole.length * 8; bit++) {
            byte[] flipped = whole.clone();
            flipped[bit / 8] ^= (byte) (1 << (bit % 8));
            replace(store.journal(), flipped);
            FileLedgerStore.forgetLoaded();
            Throwable thrown = catchThrowable(() -> new FileLedgerStore(dir).load());
            boolean inLastPayload = bit / 8 >= lastStart + 8;
            if (thrown == null) {
                assertThat(inLastPayload).as("bit %d was not refused", bit).isTrue();
                assertThat(new FileLedgerStore(dir).load()).as("bit %d", bit).contains(written.get(written.size() - 2));
            } else {
                assertThat(thrown).as("bit %d", bit).isInstanceOf(LedgerDamagedException.class)
                        .hasMessageContaining(store.journal().toString());
                assertThat(((LedgerDamagedException) thrown).previousRevision()).as("bit %d", bit).isPresent();
                refused++;
            }
        }
        assertThat(refused).isGreaterThan((int) lastStart * 8);
    }

    @Test
    void aDamagedRecordThatIsNotTheLastIsRefusedAndRestoringKeepsTheRecordsBeforeIt() throws Exception {
        FileLedgerStore store = new FileLedgerStore(dir);
        List<Ledger> written = revisions(store, 4);
        byte[] bytes = Files.readAllBytes(store.journal());
        List<Long> ends = recordEnds(bytes);
        bytes[(int) (ends.get(2) + 20)] ^= 0x10; // in the third record's payload (revision 4)
        replace(store.journal(), bytes);

        assertThatThrownBy(() -> cold(dir)).isInstanceOf(LedgerDamagedException.class)
                .hasMessageContaining("ledger.journal is damaged")
                .hasMessageContaining("does not match its checksum")
                .hasMessageContaining("ledger.json (revision 3, with the journal's records before the damaged one) is intact")
                .hasMessageContaining("--restore-previous");

        Ledger restored = store.restorePrevious();

        assertThat(restored).isEqualTo(written.get(2).atRevision(4));
        assertThat(dir.resolve("ledger.journal.damaged")).exists();
        assertThat(cold(dir)).isEqualTo(restored);
    }

    @Test
    void aDamagedSnapshotIsRestoredFromThePreviousSnapshotAndTheJournalsThatContinueItWithNothingLost() throws Exception {
        FileLedgerStore store = new FileLedgerStore(dir, Retention.DEFAULT, 3);
        List<Ledger> written = revisions(store, 7); // snapshots at revisions 1, 4 and 7, one record after
        Ledger last = written.get(written.size() - 1);
        replace(store.file(), Files.readString(store.file()).replace("\"alice\"", "\"eve\"").getBytes());

        assertThatThrownBy(() -> cold(dir)).isInstanceOf(LedgerDamagedException.class)
                .hasMessageContaining("ledger.json is damaged")
                .hasMessageContaining("field checksum is sha256:")
                .hasMessageContaining("ledger.json.prev (revision 8, with the journals that continue it) is intact");

        Ledger restored = store.restorePrevious();

        assertThat(restored).isEqualTo(last.atRevision(9));
        assertThat(dir.resolve("ledger.json.damaged")).exists();
        assertThat(cold(dir)).isEqualTo(restored);
    }

    @Test
    void aSnapshotWrittenByACompactionThatDiedBeforeReplacingTheJournalIsReadWithoutThatJournal() throws Exception {
        FileLedgerStore store = new FileLedgerStore(dir, Retention.DEFAULT, 3);
        List<Ledger> written = revisions(store, 3); // the write of revision 4 compacted
        // as if it died between the snapshot's rename and the new journal's: the old journal is still in place
        Files.move(store.journal().resolveSibling("ledger.journal.prev"), store.journal(), StandardCopyOption.REPLACE_EXISTING);

        assertThat(cold(dir)).isEqualTo(written.get(3));
        Ledger next = store.compareAndSet(4, written.get(3).updateTrain("t1", t -> t.withStatus(TrainStatus.PAUSED, "x", SampleLedgers.T0)));
        assertThat(cold(dir)).isEqualTo(next);
    }

    @Test
    void aJournalThatDoesNotContinueTheSnapshotIsRefused() throws Exception {
        FileLedgerStore store = new FileLedgerStore(dir);
        store.compareAndSet(0, Ledger.empty("another-job").withTrain(SampleLedgers.train("t1", 3, 2)));
        revisions(new FileLedgerStore(dir.resolve("other")), 2);
        // the journal of another ledger at the same revision
        Files.copy(dir.resolve("other").resolve(FileLedgerStore.JOURNAL), store.journal(), StandardCopyOption.REPLACE_EXISTING);

        assertThatThrownBy(() -> cold(dir)).isInstanceOf(LedgerDamagedException.class)
                .hasMessageContaining("it continues revision 1 (sha256:")
                .hasMessageContaining("not the snapshot's revision");
    }

    @Test
    void aTrainThatEndsIsWrittenAsASnapshot() throws Exception {
        FileLedgerStore store = new FileLedgerStore(dir);
        Ledger first = store.compareAndSet(0, SampleLedgers.withOneTrain());
        Ledger ended = store.compareAndSet(1, first.updateTrain("t1", t -> t.withStatus(TrainStatus.SUCCEEDED, "done", SampleLedgers.T0)));

        assertThat(LedgerJson.parse(Files.readAllBytes(store.file()))).isEqualTo(ended);
        assertThat(recordEnds(Files.readAllBytes(store.journal()))).as("only the header").hasSize(1);
    }

    @Test
    void aStaleWriterLosesWhateverItsCacheSaysAndARecordAppendedByAnotherProcessIsRead() throws Exception {
        FileLedgerStore mine = new FileLedgerStore(dir);
        Ledger first = mine.compareAndSet(0, SampleLedgers.withOneTrain());
        // the other process: a state read in a fresh process, written at revision 2
        FileLedgerStore.forgetLoaded();
        FileLedgerStore other = new FileLedgerStore(dir);
        Ledger theirs = other.compareAndSet(1, other.load().orElseThrow().withTrain(SampleLedgers.train("t2", 1, 1)));

        assertThatThrownBy(() -> mine.compareAndSet(1, first.withTrain(SampleLedgers.train("t3", 1, 1))))
                .isInstanceOf(RevisionConflictException.class).hasMessageContaining("revision 2, not 1");
        assertThat(mine.load()).contains(theirs);
        assertThat(cold(dir)).isEqualTo(theirs);
    }

    @Test
    void loadingAFolderThatDoesNotExistCreatesNothing() {
        Path none = dir.resolve("never-ran");
        assertThat(new FileLedgerStore(none).load()).isEmpty();
        assertThat(none).doesNotExist();
    }

    /** Where each frame of a journal ends, the header's first. */
    static List<Long> recordEnds(byte[] journal) {
        JournalFrames.Scan scan = JournalFrames.scan(journal, 0);
        assertThat(scan.damaged()).isFalse();
        return scan.frames().stream().map(JournalFrames.Frame::end).toList();
    }
}
