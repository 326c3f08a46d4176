package io.jenkins.plugins.deploytrain.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jenkins.plugins.deploytrain.ledger.FileLedgerStore;
import io.jenkins.plugins.deploytrain.ledger.Ledger;
import io.jenkins.plugins.deploytrain.ledger.LedgerJson;
import io.jenkins.plugins.deploytrain.ledger.SampleLedgers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The state folder on a real, tiny tmpfs: a disk that fills up at every point of the atomic write,
 * and a folder remounted read-only. The write fails with a message naming the ledger, and the
 * previous state loads intact. We run as root, so file permissions cannot make a folder read-only:
 * a mount is the real thing. Where mounting is not allowed the tests are skipped, not faked.
 */
class LedgerOnFailingDiskTest {

    private static final ReliabilityFigures FIGURES = new ReliabilityFigures(LedgerOnFailingDiskTest.class);
    private static final int DISK_BYTES = 256 * 1024;

    @TempDir
    Path mountPoint;

    private boolean mounted;

    @BeforeEach
    void mountTinyDisk() throws Exception {
        mounted = run("mount", "-t", "tmpfs", "-o", "size=" + DISK_BYTES, "tmpfs", mountPoint.toString());
        assumeTrue(mounted, "mounting a tmpfs needs root and a permissive container");
    }

    @AfterEach
    void unmount() throws Exception {
        if (mounted) {
            run("umount", mountPoint.toString());
        }
    }

    @AfterAll
    static void writeFigures() {
        FIGURES.write();
    }

    @Test
    void aDiskFillingUpAtAnyPointOfTheWriteLeavesThePreviousStateIntact() throws Exception {
        Path state = Files.createDirectories(mountPoint.resolve("state"));
        FileLedgerStore store = new FileLedgerStore(state);
        Ledger first = store.compareAndSet(0, SampleLedgers.withOneTrain());
        Ledger bigger = first.withTrain(SampleLedgers.train("t2", 30, 3));
        int next = LedgerJson.render(bigger).length;
        Path filler = mountPoint.resolve("filler");
        int failures = 0;
        // leave from nothing to more than the next ledger needs free, so the disk runs out at each step
        for (int free = 0; free <= next + 8192; free += 512) {
            fill(filler, free);
            Throwable thrown = catchThrowable(() -> store.compareAndSet(first.revision(), bigger));
            Ledger now = store.load().orElseThrow();
            if (thrown == null) {
                assertThat(now.revision()).isEqualTo(2);
                assertThat(now.trains()).hasSize(2);
                Files.delete(filler);
                break;
            }
            failures++;
            assertThat(thrown.getMessage()).as("%d bytes free", free).contains(store.file().toString());
            assertThat(now).as("%d bytes free: the previous state is intact", free).isEqualTo(first);
            FIGURES.count("full-disk faults injected");
            FIGURES.count("crash points survived");
        }
        assertThat(failures).as("the disk must have run out at least once").isPositive();
    }

    @Test
    void aFolderRemountedReadOnlyRefusesTheWriteAndKeepsThePreviousState() throws Exception {
        Path state = Files.createDirectories(mountPoint.resolve("state"));
        FileLedgerStore store = new FileLedgerStore(state);
        Ledger first = store.compareAndSet(0, SampleLedgers.withOneTrain());
        assertThat(run("mount", "-o", "remount,ro", mountPoint.toString())).isTrue();
        try {
            Throwable thrown = catchThrowable(() -> store.compareAndSet(first.revision(), first.withTrain(SampleLedgers.train("t2", 2, 2))));
            FIGURES.count("read-only faults injected");
            assertThat(thrown).isNotNull();
            assertThat(thrown.getMessage()).contains(store.file().toString());
            assertThat(store.load()).contains(first);
        } finally {
            run("mount", "-o", "remount,rw", mountPoint.toString());
        }
    }

    /** Leaves about {@code free} bytes free on the tiny disk. */
    private void fill(Path filler, int free) throws IOException {
        Files.deleteIfExists(filler);
        Files.deleteIfExists(mountPoint.resolve("state").resolve(FileLedgerStore.FILE + ".tmp"));
        long available = Files.getFileStore(mountPoint).getUsableSpace();
        Files.write(filler, new byte[(int) Math.max(0, available - free)]);
    }

    private static boolean run(String... command) throws Exception {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException noSuchCommand) {
            return false;
        }
    }
}
