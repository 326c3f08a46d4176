package io.jenkins.plugins.deploytrain.ledger;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The durable state of one job: its trains (oldest first) and the environment leases. This is the JSON
 * document of {@code ledger.schema.json}; the checksum is not part of it (the store adds and checks it).
 *
 * @param revision incremented by exactly one on every stored write, for compare-and-set
 */
public record Ledger(int schemaVersion, String job, long revision, List<Train> trains, List<Lease> leases) {

    public static final int SCHEMA_VERSION = 1;

    public Ledger {
        Objects.requireNonNull(job, "job");
        trains = List.copyOf(trains == null ? List.of() : trains);
        leases = List.copyOf(leases == null ? List.of() : leases);
    }

    public static Ledger empty(String job) {
        return new Ledger(SCHEMA_VERSION, job, 0, List.of(), List.of());
    }

    public Optional<Train> train(String id) {
        return trains.stream().filter(t -> t.id().equals(id)).findFirst();
    }

    /** The train that is not finished, if any (by the queue policy there is at most one running). */
    public List<Train> unfinished() {
        return trains.stream().filter(t -> !t.status().finished()).toList();
    }

    public Ledger withTrain(Train train) {
        List<Train> next = new ArrayList<>(trains);
        next.removeIf(t -> t.id().equals(train.id()));
        int at = 0;
        for (int i = 0; i < trains.size(); i++) {
            if (trains.get(i).id().equals(train.id())) {
                at = i;
                next.add(at, train);
                return new Ledger(schemaVersion, job, revision, next, leases);
            }
        }
        next.add(train);
        return new Ledger(schemaVersion, job, revision, next, leases);
    }

    public Ledger updateTrain(String id, UnaryOperator<Train> change) {
        Train current = train(id).orElseThrow(() -> new IllegalArgumentException("ledger of " + job + " has no train " + id));
        return withTrain(change.apply(current));
    }

    public Ledger withTrains(List<Train> all) {
        return new Ledger(schemaVersion, job, revision, all, leases);
    }

    public Optional<Lease> lease(String environment) {
        return leases.stream().filter(l -> l.environment().equals(environment)).findFirst();
    }

    /** Takes or replaces the lease of the lease's environment. */
    public Ledger withLease(Lease lease) {
        List<Lease> next = new ArrayList<>(leases);
        next.removeIf(l -> l.environment().equals(lease.environment()));
        next.add(lease);
        return new Ledger(schemaVersion, job, revision, trains, next);
    }

    public Ledger withoutLease(String environment) {
        List<Lease> next = new ArrayList<>(leases);
        next.removeIf(l -> l.environment().equals(environment));
        return new Ledger(schemaVersion, job, revision, trains, next);
    }

    public Ledger atRevision(long next) {
        return new Ledger(schemaVersion, job, next, trains, leases);
    }
}
