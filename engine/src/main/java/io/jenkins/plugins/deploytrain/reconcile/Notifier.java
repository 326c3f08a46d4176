package io.jenkins.plugins.deploytrain.reconcile;

import io.jenkins.plugins.deploytrain.ledger.Train;

/** Tells people what a train does (a Slack thread, the console). Must never block or fail a train. */
@FunctionalInterface
public interface Notifier {

    Notifier NONE = (train, message) -> {};

    void notify(Train train, String message);
}
