package io.jenkins.plugins.deploytrain.fleetstate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FleetLeasesTest {
    static final Instant T0 = Instant.parse("2026-12-04T09:00:00Z");

    static LeaseHolder holder(String job, String build, String target) {
        return new LeaseHolder(job, build, job + "#" + build, "t1", target, "1.0." + build);
    }

    static LeaseRequest ask(String service, String environment, LeaseHolder holder) {
        return new LeaseRequest(service, environment, false, holder);
    }

    static final HolderLiveness ALL_ALIVE = h -> true;

    @Test
    void aFreeEnvironmentIsTakenAndTheSameRunReEntersItsLease() {
        LeaseHolder a = holder("payments-deploy", "12", "eu-1/a");
        FleetLeases.Acquired first = FleetLeases.acquire(FleetSnapshot.empty(), ask("payments", "eu-1", a), ALL_ALIVE, T0);

        assertThat(first.answer()).isInstanceOf(LeaseAnswer.Taken.class);
        assertThat(first.next().leases()).singleElement().satisfies(l -> {
            assertThat(l.holder()).isEqualTo(a);
            assertThat(l.since()).isEqualTo(T0);
        });

        FleetLeases.Acquired again = FleetLeases.acquire(first.next(), ask("payments", "eu-1", a), ALL_ALIVE, T0.plusSeconds(60));
        assertThat(again.answer()).isInstanceOf(LeaseAnswer.Taken.class);
        assertThat(again.next()).as("re-entering changes nothing").isSameAs(first.next());
    }

    @Test
    void aLiveHolderKeepsTheSameServiceOutButNotAnother() {
        FleetSnapshot held = FleetLeases.acquire(FleetSnapshot.empty(),
                ask("payments", "eu-1", holder("payments-deploy", "12", "eu-1/a")), ALL_ALIVE, T0).next();

        LeaseAnswer other = FleetLeases.acquire(held, ask("payments", "eu-1", holder("payments-hotfix", "3", "eu-1/b")),
                ALL_ALIVE, T0).answer();
        assertThat(other).isInstanceOfSatisfying(LeaseAnswer.Held.class,
                h -> assertThat(h.by().holder().job()).isEqualTo("payments-deploy"));

        assertThat(FleetLeases.acquire(held, ask("ledger-api", "eu-1", holder("ledger-deploy", "7", "eu-1/a")), ALL_ALIVE, T0)
                .answer()).as("another service").isInstanceOf(LeaseAnswer.Taken.class);
        assertThat(FleetLeases.acquire(held, ask("payments", "eu-2", holder("payments-hotfix", "3", "eu-2/a")), ALL_ALIVE, T0)
                .answer()).as("another environment").isInstanceOf(LeaseAnswer.Taken.class);
    }

    @Test
    void anEnvironmentWideLeaseKeepsEveryServiceOutAndWaitsForEveryService() {
        FleetSnapshot wide = FleetLeases.acquire(FleetSnapshot.empty(),
                new LeaseRequest("schema", "eu-1", true, holder("schema-deploy", "1", "eu-1/a")), ALL_ALIVE, T0).next();
        assertThat(FleetLeases.acquire(wide, ask("ledger-api", "eu-1", holder("ledger-deploy", "7", "eu-1/a")), ALL_ALIVE, T0)
                .answer()).isInstanceOf(LeaseAnswer.Held.class);

        FleetSnapshot narrow = FleetLeases.acquire(FleetSnapshot.empty(),
                ask("ledger-api", "eu-1", holder("ledger-deploy", "7", "eu-1/a")), ALL_ALIVE, T0).next();
        assertThat(FleetLeases.acquire(narrow, new LeaseRequest("schema", "eu-1", true, holder("schema-deploy", "1", "eu-1/a")),
                ALL_ALIVE, T0).answer()).isInstanceOf(LeaseAnswer.Held.class);
    }

    @Test
    void aDeadHoldersLeaseIsTakenOverAndAudited() {
        LeaseHolder dead = holder("payments-deploy", "12", "eu-1/a");
        FleetSnapshot held = FleetLeases.acquire(FleetSnapshot.empty(), ask("payments", "eu-1", dead), ALL_ALIVE, T0).next();
        LeaseHolder next = holder("payments-deploy", "13", "eu-1/a");

        FleetLeases.Acquired taken = FleetLeases.acquire(held, ask("payments", "eu-1", next), h -> !h.equals(dead),
                T0.plusSeconds(600));

        assertThat(taken.answer()).isInstanceOfSatisfying(LeaseAnswer.Taken.class,
                t -> assertThat(t.takenOver()).hasValueSatisfying(l -> assertThat(l.holder()).isEqualTo(dead)));
        assertThat(taken.next().leases()).extracting(FleetLease::holder).containsExactly(next);
        assertThat(taken.next().audit()).singleElement().satisfies(a -> {
            assertThat(a.action()).isEqualTo("lease-taken-over");
            assertThat(a.from()).isEqualTo(dead);
            assertThat(a.by()).isEqualTo(next);
        });
    }

    @Test
    void releaseGivesBackOnlyTheRunsOwnLease() {
        LeaseHolder a = holder("payments-deploy", "12", "eu-1/a");
        LeaseHolder b = holder("ledger-deploy", "4", "eu-1/a");
        FleetSnapshot both = FleetLeases.acquire(
                FleetLeases.acquire(FleetSnapshot.empty(), ask("payments", "eu-1", a), ALL_ALIVE, T0).next(),
                ask("ledger-api", "eu-1", b), ALL_ALIVE, T0).next();

        FleetSnapshot released = FleetLeases.release(both, "eu-1", a);

        assertThat(released.leases()).extracting(FleetLease::holder).containsExactly(b);
        assertThat(FleetLeases.release(released, "eu-1", a)).as("twice").isSameAs(released);
    }

    @Test
    void aDeletedJobsLeasesAreReleasedWithAReason() {
        FleetSnapshot held = FleetLeases.acquire(FleetSnapshot.empty(),
                ask("payments", "eu-1", holder("payments/feature-x", "2", "eu-1/a")), ALL_ALIVE, T0).next();

        FleetSnapshot freed = FleetLeases.releaseJobs(held, "payments/feature-x"::equals, "the job was deleted", T0);

        assertThat(freed.leases()).isEmpty();
        assertThat(freed.audit()).singleElement().satisfies(a -> {
            assertThat(a.action()).isEqualTo("lease-released");
            assertThat(a.detail()).isEqualTo("the job was deleted");
        });
    }

    @Test
    void theNewestDeployOfACellWinsWhateverOrderTheyAreRecordedIn() {
        DeployedVersion older = new DeployedVersion("payments", "eu-1", "a", "1.0", "payments-deploy", "t1", T0);
        DeployedVersion newer = new DeployedVersion("payments", "eu-1", "a", "1.1-hotfix", "payments-release", "t4",
                T0.plusSeconds(3600));
        FleetSnapshot inOrder = FleetLeases.recorded(FleetLeases.recorded(FleetSnapshot.empty(), older), newer);
        FleetSnapshot reversed = FleetLeases.recorded(FleetLeases.recorded(FleetSnapshot.empty(), newer), older);

        assertThat(inOrder.deployed()).containsExactly(newer);
        assertThat(reversed.deployed()).containsExactly(newer);
        assertThat(FleetLeases.recorded(inOrder, newer)).as("recorded twice").isSameAs(inOrder);
    }

    @Test
    void theAuditLogIsBounded() {
        FleetSnapshot state = FleetSnapshot.empty();
        for (int i = 0; i < FleetLeases.AUDIT_KEPT + 10; i++) {
            LeaseHolder h = holder("job-" + i, "1", "eu-1/a");
            state = FleetLeases.acquire(state, ask("payments", "eu-1", h), x -> x.equals(h), T0.plusSeconds(i)).next();
        }
        assertThat(state.audit()).hasSize(FleetLeases.AUDIT_KEPT);
        assertThat(state.audit().get(state.audit().size() - 1).by().job()).isEqualTo("job-" + (FleetLeases.AUDIT_KEPT + 9));
    }

    @Test
    void theMatrixShowsTheLastDeployAndWhoIsRollingWhere() {
        FleetSnapshot state = FleetLeases.recorded(FleetSnapshot.empty(),
                new DeployedVersion("payments", "eu-1", "a", "1.0", "payments-deploy", "t1", T0));
        state = FleetLeases.acquire(state, ask("payments", "eu-1", holder("payments-release", "5", "eu-1/b")), ALL_ALIVE, T0)
                .next();
        state = FleetLeases.recorded(state, new DeployedVersion("ledger-api", "eu-1", "a", "7", "ledger", "t1", T0));

        assertThat(ServiceMatrix.services(state)).containsExactly("ledger-api", "payments");
        ServiceMatrix m = ServiceMatrix.of(state, "payments");
        assertThat(m.environments()).containsExactly("eu-1");
        assertThat(m.zones()).containsExactly("a", "b");
        assertThat(m.cell("eu-1", "a")).hasValueSatisfying(c -> assertThat(c.deployed().version()).isEqualTo("1.0"));
        assertThat(m.cell("eu-1", "b")).hasValueSatisfying(c -> {
            assertThat(c.deployed()).isNull();
            assertThat(c.rolling().holder().job()).isEqualTo("payments-release");
        });
        assertThat(m.jobs()).isEqualTo(Set.of("payments-deploy", "payments-release"));
    }
}
