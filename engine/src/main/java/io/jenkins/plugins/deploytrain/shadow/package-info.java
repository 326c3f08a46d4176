/**
 * Shadow comparison: a structural JSON diff of the primary's and the shadow's response to the same
 * request, known-discrepancy rules that accept some differences, and a verdict over many pairs with
 * thresholds. Sources: recorded pairs as JSONL, or a discrepancy metric in Prometheus.
 */
package io.jenkins.plugins.deploytrain.shadow;
