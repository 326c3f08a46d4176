package io.jenkins.plugins.deploytrain.ledger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Small, realistic ledgers for tests. */
public final class SampleLedgers {
    public static final Instant T0 = Instant.parse("2026-11-26T09:00:00Z");

    private SampleLedgers() {}

    public static Train train(String id, int environments, int zones) {
        List<TargetRecord> targets = new ArrayList<>();
        for (int e = 0; e < environments; e++) {
            for (int z = 0; z < zones; z++) {
                String env = "env-" + e;
                String zone = "z" + z;
                targets.add(new TargetRecord(TargetRecord.idOf(env, zone), targets.size(), env, zone,
                        e == 0 ? "primary" : "production", "aws", "eu-west-" + (e % 3 + 1), Duration.ofMinutes(5),
                        e == 0 && z == zones - 1 ? Duration.ofHours(2) : Duration.ZERO, z == zones - 1, false,
                        List.of(), TargetStatus.PENDING, null, List.of(), List.of()));
            }
        }
        return new Train(id, "payments", "1.4.2", TrainStatus.RUNNING, T0, "alice", targets, List.of(),
                List.of(new AuditEntry(T0, "alice", "start", null, "release 1.4.2")), null, null);
    }

    public static Ledger withOneTrain() {
        return Ledger.empty("payments-deploy").withTrain(train("t1", 3, 2));
    }
}
