package io.jenkins.plugins.deploytrain.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.deploytrain.ledger.Attempt;
import io.jenkins.plugins.deploytrain.ledger.AttemptOutcome;
import io.jenkins.plugins.deploytrain.ledger.Lease;
import io.jenkins.plugins.deploytrain.ledger.Ledger;
import io.jenkins.plugins.deploytrain.ledger.TargetRecord;
import io.jenkins.plugins.deploytrain.ledger.TargetStatus;
import io.jenkins.plugins.deploytrain.ledger.Train;
import io.jenkins.plugins.deploytrain.ledger.TrainStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** decide() over random fleets, states and clocks. */
class ReconcilerPropertyTest {

    static final List<String> TIERS = List.of("shadow", "primary", "production");
    static final Instant T0 = Instant.parse("2026-11-26T00:00:00Z");

    /** A random world: ledger, who is alive, the windows and the time. */
    record World(Ledger ledger, Set<String> live, int openMinutes, Instant now) {
        DeployWindows windows() {
            return (target, notBefore) -> {
                if (openMinutes == 0) {
                    return Optional.empty();
                }
                long minute = notBefore.getEpochSecond() / 60 % 60;
                return Optional.of(minute < openMinutes ? notBefore
                        : notBefore.minusSeconds(notBefore.getEpochSecond() % 3600).plusSeconds(3600));
            };
        }

        Decision decide() {
            return Reconciler.decide(ledger, "t", new Observations(live, windows(), Duration.ofMinutes(1)), now);
        }

        Train train() {
            return ledger.train("t").orElseThrow();
        }
    }

    @Provide
    Arbitrary<World> worlds() {
        return Arbitraries.longs().map(ReconcilerPropertyTest::world);
    }

    static World world(long seed) {
        Random r = new Random(seed);
        List<TargetRecord> targets = new ArrayList<>();
        Set<String> workers = new HashSet<>();
        int environments = 1 + r.nextInt(6);
        int doneUpTo = r.nextInt(12);
        for (int e = 0; e < environments; e++) {
            String tier = TIERS.get(Math.min(e, 2));
            int zones = 1 + r.nextInt(3);
            for (int z = 0; z < zones; z++) {
                int index = targets.size();
                TargetStatus status = index < doneUpTo ? (r.nextInt(5) == 0 ? TargetStatus.SKIPPED : TargetStatus.SUCCEEDED)
                        : r.nextInt(3) == 0 ? TargetStatus.values()[r.nextInt(TargetStatus.values().length)] : TargetStatus.PENDING;
                List<Attempt> attempts = new ArrayList<>();
                if (status == TargetStatus.DEPLOYING) {
                    String w = "w" + r.nextInt(3);
                    workers.add(w);
                    attempts.add(Attempt.intent(1, T0, w));
                } else if (status != TargetStatus.PENDING || r.nextBoolean()) {
                    attempts.add(Attempt.intent(1, T0, "w0").ended(T0, AttemptOutcome.SUCCEEDED, null));
                }
                targets.add(new TargetRecord(targetId(e, z), index, "env-" + e, "z" + z, tier, "aws", "r" + e,
                        Duration.ofMinutes(r.nextInt(60)), Duration.ZERO, z == zones - 1, r.nextInt(6) == 0,
                        r.nextBoolean() ? List.of("g") : List.of(), status,
                        status == TargetStatus.SOAKING ? T0.plusSeconds(r.nextInt(7200)) : null, attempts, List.of()));
            }
        }
        TrainStatus trainStatus = r.nextInt(8) == 0 ? TrainStatus.PAUSED : TrainStatus.RUNNING;
        Ledger ledger = Ledger.empty("job").withTrain(new Train("t", "svc", "1", trainStatus, T0, "p", targets, List.of(), List.of(), null, null));
        if (r.nextBoolean()) {
            String env = "env-" + r.nextInt(environments);
            ledger = ledger.withLease(new Lease(env, "other-" + r.nextInt(2), "t-other", env + "/z0", T0.plusSeconds(r.nextInt(7200))));
            workers.add("other-0");
            workers.add("other-1");
        }
        Set<String> live = new HashSet<>();
        workers.forEach(w -> {
            if (r.nextBoolean()) {
                live.add(w);
            }
        });
        return new World(ledger, live, r.nextInt(4) == 0 ? 0 : 1 + r.nextInt(60), T0.plusSeconds(r.nextInt(7200)));
    }

    private static String targetId(int e, int z) {
        return TargetRecord.idOf("env-" + e, "z" + z);
    }

    @Property(tries = 3000)
    void aDeployComesOnlyAfterEveryEarlierTargetSucceededOrWasSkipped(@ForAll("worlds") World w) {
        if (w.decide() instanceof Decision.Deploy d) {
            TargetRecord t = w.train().target(d.target()).orElseThrow();
            assertThat(w.train().targets()).filteredOn(x -> x.index() < t.index()).allMatch(x -> x.status().done());
            assertThat(t.status()).isIn(TargetStatus.PENDING, TargetStatus.DEPLOYING);
            assertThat(d.attempt()).isEqualTo(t.attemptCount() + 1);
        }
    }

    @Property(tries = 3000)
    void neverTwoDeploysOfOneEnvironmentInFlight(@ForAll("worlds") World w) {
        if (w.decide() instanceof Decision.Deploy d) {
            TargetRecord t = w.train().target(d.target()).orElseThrow();
            assertThat(w.train().targets())
                    .filteredOn(x -> x.status() == TargetStatus.DEPLOYING && x.environment().equals(t.environment()))
                    .noneMatch(x -> w.live().contains(x.lastAttempt().orElseThrow().worker()));
            w.ledger().lease(t.environment())
                    .filter(l -> !l.train().equals("t"))
                    .ifPresent(l -> assertThat(w.live().contains(l.holder()) && w.now().isBefore(l.expires())).isFalse());
        }
    }

    @Property(tries = 3000)
    void neverADeployInABlackoutOrOutsideAWindow(@ForAll("worlds") World w) {
        if (w.decide() instanceof Decision.Deploy d && w.train().target(d.target()).orElseThrow().status() == TargetStatus.PENDING) {
            long minute = w.now().getEpochSecond() / 60 % 60;
            assertThat(minute).isLessThan(w.openMinutes());
        }
    }

    @Property(tries = 3000)
    void shadowBeforePrimaryBeforeTheRest(@ForAll("worlds") World w) {
        if (w.decide() instanceof Decision.Deploy d) {
            TargetRecord t = w.train().target(d.target()).orElseThrow();
            int rank = TIERS.indexOf(t.tier());
            assertThat(w.train().targets()).filteredOn(x -> TIERS.indexOf(x.tier()) < rank).allMatch(x -> x.status().done());
        }
    }

    @Property(tries = 3000)
    void aPausedTrainOrATargetAwaitingApprovalStartsNothingNew(@ForAll("worlds") World w) {
        if (w.decide() instanceof Decision.Deploy d) {
            TargetRecord t = w.train().target(d.target()).orElseThrow();
            assertThat(w.train().status()).isNotEqualTo(TrainStatus.PAUSED);
            assertThat(t.approvalBefore() && t.status() == TargetStatus.PENDING).isFalse();
        }
    }

    @Property(tries = 1000)
    void decideIsDeterministic(@ForAll("worlds") World w) {
        assertThat(w.decide()).isEqualTo(w.decide());
    }

    @Property(tries = 1000)
    void aWaitIsNeverInThePast(@ForAll("worlds") World w) {
        if (w.decide() instanceof Decision.WaitUntil wait) {
            assertThat(wait.until()).isAfter(w.now());
        }
    }
}
