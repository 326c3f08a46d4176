package io.jenkins.plugins.deploytrain.terraform;

import java.time.Instant;
import java.util.Objects;

/**
 * One approval of a plan: its fingerprint, who approved it, when, and for which target
 * ({@code environment/zone}). A plan of another target with the same fingerprint needs no new
 * review.
 */
public record ApprovedPlan(String fingerprint, String approvedBy, Instant approvedAt, String target) {
    public ApprovedPlan {
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(approvedBy, "approvedBy");
        Objects.requireNonNull(approvedAt, "approvedAt");
        Objects.requireNonNull(target, "target");
    }
}
