package io.jenkins.plugins.deploytrain.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * A fleet, a train and a deploy command for runner tests. The deploy command records its start and end
 * under a lock (flock) in a log, and notes "overlap" when another deploy of the same environment is
 * running at that moment, so a test can check that never happened, whatever was killed when.
 */
final class CrashFixture {
    final Path dir;
    final Path fleet;
    final Path train;
    final Path deployScript;
    final Path deployLog;

    CrashFixture(Path dir, int environments, String version, double deploySeconds) throws IOException {
        this(dir, environments, version, deploySeconds, false);
    }

    /** @param failFirstDeploy the very first deploy exits 7 (once), for approval tests */
    CrashFixture(Path dir, int environments, String version, double deploySeconds, boolean failFirstDeploy) throws IOException {
        this.dir = dir;
        this.fleet = dir.resolve("fleet.yaml");
        this.train = dir.resolve("train.yaml");
        this.deployScript = dir.resolve("deploy.sh");
        this.deployLog = dir.resolve("deploys.log");
        StringBuilder f = new StringBuilder("timezone: UTC\nenvironments:\n");
        for (int e = 0; e < environments; e++) {
            String tier = e == 0 ? "staging" : e == 1 ? "shadow" : e == 2 ? "primary" : "production";
            f.append("  - name: cell-").append(String.format("%02d", e)).append('\n')
                    .append("    provider: aws\n    region: region-").append(e).append('\n')
                    .append("    zones: [a, b, c]\n    tier: ").append(tier).append('\n');
        }
        Files.writeString(fleet, f.toString());
        writeTrain(version);
        Files.writeString(deployScript, """
                #!/bin/sh
                # records start and end of this deploy under a lock; an overlapping deploy of the environment is noted
                set -e
                log="${DEPLOY_LOG:-%s}"
                running="$log.running.$TRAIN_ENVIRONMENT"
                flock "$log.lock" sh -c 'if [ -e "$1" ]; then echo "overlap $2" >> "$3"; fi; touch "$1"; echo "start $2 $4" >> "$3"' \
                  sh "$running" "$TRAIN_TARGET" "$log" "$TRAIN_VERSION"
                sleep %s
                flock "$log.lock" sh -c 'rm -f "$1"; echo "end $2 $4" >> "$3"' sh "$running" "$TRAIN_TARGET" "$log" "$TRAIN_VERSION"
                env | grep '^TRAIN_' | sort > "$log.env.$TRAIN_ENVIRONMENT.$TRAIN_ZONE"
                if [ %s = yes ] && [ ! -e "$log.failed-once" ]; then touch "$log.failed-once"; echo "simulated failure"; exit 7; fi
                """.formatted(dir.resolve("deploys.log"), deploySeconds, failFirstDeploy ? "yes" : "no"));
        Files.setPosixFilePermissions(deployScript, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    void writeTrain(String version) throws IOException {
        Files.writeString(train, """
                service: crash-svc
                version: %s
                fleet: fleet.yaml
                bake: 20m
                soakAfterZone: 1m
                soakAfterEnvironment: 2m
                zoneDeployEstimate: 1m
                """.formatted(version));
    }

    /** The TRAIN_* variables the deploy of one target saw, as NAME=value lines. */
    List<String> environmentOf(String environment, String zone) throws IOException {
        return Files.readAllLines(dir.resolve("deploys.log.env." + environment + "." + zone));
    }

    /** The lines of the deploy log, split in words. */
    List<String[]> logLines() throws IOException {
        List<String[]> lines = new ArrayList<>();
        if (Files.exists(deployLog)) {
            for (String line : Files.readAllLines(deployLog)) {
                lines.add(line.split(" "));
            }
        }
        return lines;
    }
}
