package io.jenkins.plugins.deploytrain.events;

import io.jenkins.plugins.deploytrain.ledger.Ledger;
import io.jenkins.plugins.deploytrain.ledger.LedgerStore;
import io.jenkins.plugins.deploytrain.ledger.Train;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A ledger store that, after each successful write, tells its publishers the events of what changed since the
 * trains it last saw. Events come from the ledger, never from the stepper, so every host (CLI, Jenkins) publishes
 * the same; a write is durable before it is published. The first ledger this store reads is what was already
 * published (a restarted runner does not announce the past again); what another process wrote in between (an
 * approval by {@code deploy-train approve}) is published with this process' next write, since it is new to it.
 * A publisher that throws is logged and never fails the write.
 */
public final class PublishingLedgerStore implements LedgerStore {

    private final LedgerStore store;
    private final List<LedgerPublisher> publishers;
    private final Consumer<String> log;
    private Map<String, Train> seen;

    public PublishingLedgerStore(LedgerStore store, List<LedgerPublisher> publishers, Consumer<String> log) {
        this.store = store;
        this.publishers = List.copyOf(publishers);
        this.log = log;
    }

    /** {@code store} itself when there is no publisher. */
    public static LedgerStore wrap(LedgerStore store, List<LedgerPublisher> publishers, Consumer<String> log) {
        return publishers.isEmpty() ? store : new PublishingLedgerStore(store, publishers, log);
    }

    @Override
    public Optional<Ledger> load() {
        Optional<Ledger> ledger = store.load();
        synchronized (this) {
            if (seen == null) {
                seen = byId(ledger.map(Ledger::trains).orElse(List.of()));
            }
        }
        return ledger;
    }

    @Override
    public Ledger compareAndSet(long expectedRevision, Ledger next) {
        synchronized (this) {
            if (seen == null) {
                load();
            }
        }
        Ledger stored = store.compareAndSet(expectedRevision, next);
        publish(stored);
        return stored;
    }

    @Override
    public String location() {
        return store.location();
    }

    private void publish(Ledger stored) {
        List<DeployEvent> events = new ArrayList<>();
        synchronized (this) {
            for (Train train : stored.trains()) {
                events.addAll(DeployEvents.between(stored.job(), seen.get(train.id()), train));
            }
            seen = byId(stored.trains());
        }
        List<DeployEvent> all = List.copyOf(events);
        for (LedgerPublisher publisher : publishers) {
            try {
                publisher.published(stored, all);
            } catch (RuntimeException e) {
                log.accept("publishing the ledger's change failed (the train goes on): " + e);
            }
        }
    }

    private static Map<String, Train> byId(List<Train> trains) {
        Map<String, Train> out = new HashMap<>(trains.size() * 2);
        trains.forEach(t -> out.put(t.id(), t));
        return out;
    }
}
