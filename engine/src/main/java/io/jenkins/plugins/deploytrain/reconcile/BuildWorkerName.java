package io.jenkins.plugins.deploytrain.reconcile;

import java.util.OptionalInt;

/**
 * A Jenkins build as a worker of its job's ledger. The name reads {@code job#number} (the build's id when it
 * took the lease), but only the number identifies the build: a ledger belongs to one job, so the build is that
 * job's build of this number whatever the job is called now. A job renamed while its train runs thus keeps its
 * running build's leases.
 */
public final class BuildWorkerName {
    private BuildWorkerName() {}

    /** The build number of a build's worker name; empty for a worker that is not a build (a CLI process). */
    public static OptionalInt buildNumber(String worker) {
        int hash = worker.lastIndexOf('#');
        if (hash < 1 || hash == worker.length() - 1) {
            return OptionalInt.empty();
        }
        String digits = worker.substring(hash + 1);
        if (digits.length() > 10 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return OptionalInt.empty();
        }
        long number = Long.parseLong(digits);
        if (number > Integer.MAX_VALUE) {
            return OptionalInt.empty();
        }
        return number == 0 ? OptionalInt.empty() : OptionalInt.of((int) number);
    }
}
