package io.jenkins.plugins.deploytrain.events;

import io.jenkins.plugins.deploytrain.ledger.Ledger;
import java.util.List;

/** Takes what a stored ledger write means for the outside world. Called on the writer's thread: must only hand off, never block. */
public interface LedgerPublisher {

    /**
     * @param stored the ledger as it was just stored (durable before anything is published)
     * @param events the events of that write, possibly none (a metrics view needs only {@code stored})
     */
    void published(Ledger stored, List<DeployEvent> events);
}
