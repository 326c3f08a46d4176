/** JMH benchmarks. Every figure is read as a ratio against a baseline benchmarked in the same run. */
package io.jenkins.plugins.deploytrain.bench;
