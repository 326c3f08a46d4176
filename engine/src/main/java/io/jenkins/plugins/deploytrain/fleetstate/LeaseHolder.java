package io.jenkins.plugins.deploytrain.fleetstate;

/**
 * Who holds a fleet lease, as people are told it and as a host checks it is still running.
 *
 * @param job the job (a Jenkins item's full name, or the job a command-line runner was given)
 * @param build what a person reads as the run that holds it: a Jenkins build number ({@code 12}), or a
 *     runner's worker name; with {@code job} the plugin links to the build
 * @param worker the worker name of the holder's stepper (as in its own ledger's attempts and leases)
 * @param train the holder's train id, within its job
 * @param target the target being deployed ({@code environment/zone})
 * @param version the version being deployed
 */
public record LeaseHolder(String job, String build, String worker, String train, String target, String version) {

    /** The same run of the same job: a stepper that comes back (a resumed build) finds its own lease. */
    public boolean sameRun(LeaseHolder other) {
        return job.equals(other.job) && worker.equals(other.worker);
    }
}
