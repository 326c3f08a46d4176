package io.jenkins.plugins.deploytrain.ledger;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/** Who did what to a train, when and why. The audit log only grows (until retention drops the train). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuditEntry(Instant at, String who, String what, String target, String why) {}
