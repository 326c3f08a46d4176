package io.jenkins.plugins.deploytrain.fleetstate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileFleetStateTest {
    static final Instant T0 = FleetLeasesTest.T0;

    @TempDir
    Path dir;

    @Test
    void nothingStoredReadsEmptyAndEveryChangeIsOneRevision() {
        FileFleetState state = new FileFleetState(dir);
        assertThat(state.read()).isEqualTo(FleetSnapshot.empty());

        LeaseHolder a = FleetLeasesTest.holder("payments-deploy", "12", "eu-1/a");
        state.acquire(FleetLeasesTest.ask("payments", "eu-1", a), h -> true, T0);
        state.acquire(FleetLeasesTest.ask("payments", "eu-1", a), h -> true, T0);
        assertThat(state.read().revision()).as("re-entering writes nothing").isEqualTo(1);

        state.recorded(new DeployedVersion("payments", "eu-1", "a", "1.0", "payments-deploy", "t1", T0));
        state.release("eu-1", a, T0);

        FleetSnapshot read = new FileFleetState(dir).read();
        assertThat(read.revision()).isEqualTo(3);
        assertThat(read.leases()).isEmpty();
        assertThat(read.deployed()).extracting(DeployedVersion::version).containsExactly("1.0");
    }

    @Test
    void aDamagedFileIsNamedAndNothingIsGuessed() throws Exception {
        FileFleetState state = new FileFleetState(dir);
        state.recorded(new DeployedVersion("payments", "eu-1", "a", "1.0", "payments-deploy", "t1", T0));
        Path file = dir.resolve(FileFleetState.FILE);
        Files.writeString(file, Files.readString(file).replace("\"1.0\"", "\"6.6\""));

        assertThatThrownBy(state::read).isInstanceOf(FleetStateDamagedException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("checksum");
        LeaseHolder a = FleetLeasesTest.holder("payments-deploy", "12", "eu-1/a");
        assertThatThrownBy(() -> state.acquire(FleetLeasesTest.ask("payments", "eu-1", a), h -> true, T0))
                .isInstanceOf(FleetStateDamagedException.class);

        Files.write(file, Files.readAllBytes(file), java.nio.file.StandardOpenOption.TRUNCATE_EXISTING);
        Files.writeString(file, "{\"schemaVersion\":1,", StandardCharsets.UTF_8);
        assertThatThrownBy(state::read).isInstanceOf(FleetStateDamagedException.class).hasMessageContaining("line 1");
    }

    @Test
    void concurrentWritersLoseNothing() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> writes = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                int n = i;
                // a store per writer, as separate runners would have
                writes.add(pool.submit(() -> new FileFleetState(dir).recorded(new DeployedVersion("payments", "env-" + n, "a",
                        "1." + n, "job-" + n, "t1", T0))));
            }
            for (Future<?> w : writes) {
                w.get();
            }
        } finally {
            pool.shutdownNow();
        }
        FleetSnapshot read = new FileFleetState(dir).read();
        assertThat(read.deployed()).hasSize(40);
        assertThat(read.revision()).isEqualTo(40);
    }

    @Test
    void onlyOneOfManyRacingRunsGetsTheLease() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<LeaseAnswer>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < 12; i++) {
                LeaseHolder h = FleetLeasesTest.holder("job-" + i, "1", "eu-1/a");
                answers.add(pool.submit(() -> new FileFleetState(dir).acquire(FleetLeasesTest.ask("payments", "eu-1", h),
                        x -> true, T0)));
            }
            int taken = 0;
            for (Future<LeaseAnswer> a : answers) {
                taken += a.get() instanceof LeaseAnswer.Taken ? 1 : 0;
            }
            assertThat(taken).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }
}
