/**
 * Terraform and OpenTofu plan comparison: a streaming reader of {@code terraform show -json},
 * normalisation of a target's tokens (environment, region, zones, account, extras) into
 * placeholders, redaction of sensitive values, an order-independent fingerprint, and a readable
 * diff against the closest approved plan.
 *
 * <p>Entry points: {@link io.jenkins.plugins.deploytrain.terraform.PlanComparator} for a
 * candidate against approved plans, {@link io.jenkins.plugins.deploytrain.terraform.PlanFingerprinter}
 * for the fingerprint alone, {@link io.jenkins.plugins.deploytrain.terraform.ApprovedPlans} for
 * the registry of approvals the train keeps in its ledger.
 */
package io.jenkins.plugins.deploytrain.terraform;
