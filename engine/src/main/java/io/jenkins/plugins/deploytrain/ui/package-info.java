/**
 * The train view: static assets (a plain JavaScript module, its style sheet, the HTML shell and the
 * view-model JSON Schema) that render the ledger as a regions x zones grid, served by both hosts
 * through {@link io.jenkins.plugins.deploytrain.ui.UiAssets}.
 */
package io.jenkins.plugins.deploytrain.ui;
