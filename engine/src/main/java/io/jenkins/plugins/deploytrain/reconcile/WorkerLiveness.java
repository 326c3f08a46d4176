package io.jenkins.plugins.deploytrain.reconcile;

/**
 * Whether the worker named in an attempt or a lease still runs (the CLI: a process id; Jenkins: a build).
 * A deploy whose worker is dead is redeployed with attempt+1.
 */
@FunctionalInterface
public interface WorkerLiveness {
    boolean alive(String worker);
}
