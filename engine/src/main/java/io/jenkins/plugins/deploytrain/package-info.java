/**
 * Deploy Train's engine: every decision in plain Java, no Jenkins type. Packages by feature:
 * {@code fleet}, {@code window}, {@code plan}, {@code ledger}, {@code reconcile}, {@code gate},
 * {@code shadow}, {@code terraform}, {@code notify}, {@code ui}.
 */
package io.jenkins.plugins.deploytrain;
