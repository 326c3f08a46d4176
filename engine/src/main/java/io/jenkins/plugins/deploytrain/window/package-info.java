/**
 * Deploy windows in {@code java.time} only: recurring weekly {@link io.jenkins.plugins.deploytrain.window.Window}s
 * (business hours, blackouts), holidays and {@link io.jenkins.plugins.deploytrain.window.Freeze}s, each
 * in its own time zone, and the {@link io.jenkins.plugins.deploytrain.window.DeployCalendar} that answers
 * "when may a step of this duration start" by jumping from interval edge to interval edge.
 */
package io.jenkins.plugins.deploytrain.window;
