package io.jenkins.plugins.deploytrain.ledger;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * The review of a terraform target's latest plan.
 *
 * @param sameAs when auto-approved (or identical while auto-approval is off): the target whose approved plan it matches
 * @param by who approved it (a person's name; the worker for an automatic approval); null while waiting
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PlanReview(ReviewStatus status, String sameAs, String by, Instant at) {}
