package io.jenkins.plugins.deploytrain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code status --matrix} after real runs: a release everywhere, then the next one failing at its first target. */
class StatusMatrixTest {

    @TempDir
    Path dir;

    private CliRun run(CrashFixture f) {
        return CliRun.of("run", "--train", f.train.toString(), "--state", dir.resolve("state").toString(),
                "--deploy-command", f.deployScript.toString(), "--time-scale", "100000",
                "--start", "2026-11-30T08:00:00Z", "--by", "alice");
    }

    @Test
    void showsTheVersionEachZoneRunsAndTheOneRollingThere() throws Exception {
        CliRun first = run(new CrashFixture(dir, 2, "2.0.0", 0));
        assertThat(first.exitCode()).as(first.err()).isZero();
        CliRun second = run(new CrashFixture(dir, 2, "2.1.0", 0, true));
        assertThat(second.exitCode()).as(second.err()).isEqualTo(ExitCodes.AWAITING_APPROVAL);

        CliRun text = CliRun.of("status", "--state", dir.resolve("state").toString(), "--matrix");
        CliRun json = CliRun.of("status", "--state", dir.resolve("state").toString(), "--matrix", "--format", "json");

        assertThat(text.exitCode()).as(text.err()).isZero();
        List<String> lines = text.out().lines().toList();
        assertThat(lines.get(0)).isEqualTo("job crash-svc: versions by environment and zone");
        assertThat(lines.get(1)).matches("environment +a +b +c");
        assertThat(lines.get(2)).matches("cell-00 +2\\.0\\.0 > 2\\.1\\.0 \\(failed\\) +2\\.0\\.0 +2\\.0\\.0");
        assertThat(lines.get(3)).matches("cell-01 +2\\.0\\.0 +2\\.0\\.0 +2\\.0\\.0");
        JsonNode cell = new ObjectMapper().readTree(json.out()).path("rows").path(0).path("cells").path(0);
        assertThat(cell.path("deployed").path("version").asText()).isEqualTo("2.0.0");
        assertThat(cell.path("rolling").path("version").asText()).isEqualTo("2.1.0");
    }
}
