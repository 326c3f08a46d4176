package io.jenkins.plugins.deploytrain.gate;

import java.time.Instant;

/** A silence (Alertmanager) or downtime (Datadog) put by an approval; recorded in the ledger, expired later. */
public record SilenceRecord(System system, String id, String scope, Instant endsAt) {

    public enum System { ALERTMANAGER, DATADOG }
}
