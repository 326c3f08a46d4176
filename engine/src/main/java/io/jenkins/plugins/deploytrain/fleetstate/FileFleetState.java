package io.jenkins.plugins.deploytrain.fleetstate;

import io.jenkins.plugins.deploytrain.ledger.DurableFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * The fleet state in a folder shared by every job of a controller, or by every runner given the same
 * {@code --fleet-state}: one checksummed {@code fleet-state.json}, replaced atomically under a file lock, so
 * runners in several processes never lose each other's writes. Its size is bounded by the fleet (one lease per
 * service x environment at most, one deploy per service x environment x zone, a bounded audit log), not by how
 * many trains ran.
 */
public final class FileFleetState implements FleetState {
    public static final String FILE = "fleet-state.json";

    private final Path file;
    private final Path lock;

    public FileFleetState(Path directory) {
        this.file = directory.resolve(FILE);
        this.lock = directory.resolve(FILE + ".lock");
    }

    @Override
    public LeaseAnswer acquire(LeaseRequest request, HolderLiveness liveness, Instant now) {
        return DurableFiles.locked(lock, () -> {
            FleetSnapshot current = readUnlocked();
            FleetLeases.Acquired decided = FleetLeases.acquire(current, request, liveness, now);
            store(current, decided.next());
            return decided.answer();
        });
    }

    @Override
    public void release(String environment, LeaseHolder holder, Instant now) {
        update(s -> FleetLeases.release(s, environment, holder));
    }

    @Override
    public void recorded(DeployedVersion deploy) {
        update(s -> FleetLeases.recorded(s, deploy));
    }

    /** Gives back, in one write, every lease of the jobs that are gone (deleted, their branch or folder removed). */
    public void releaseJobs(Predicate<String> gone, String why, Instant now) {
        update(s -> FleetLeases.releaseJobs(s, gone, why, now));
    }

    @Override
    public FleetSnapshot read() {
        return DurableFiles.locked(lock, this::readUnlocked);
    }

    @Override
    public String location() {
        return file.toString();
    }

    private void update(UnaryOperator<FleetSnapshot> change) {
        DurableFiles.locked(lock, () -> {
            FleetSnapshot current = readUnlocked();
            store(current, change.apply(current));
            return null;
        });
    }

    private void store(FleetSnapshot current, FleetSnapshot next) {
        if (next == current) {
            return;
        }
        FleetSnapshot stored = new FleetSnapshot(next.schemaVersion(), current.revision() + 1, next.leases(),
                next.deployed(), next.audit());
        try {
            DurableFiles.replaceAtomically(file, FleetStateJson.render(stored));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the fleet state " + file, e);
        }
    }

    private FleetSnapshot readUnlocked() {
        Optional<byte[]> bytes = DurableFiles.readIfPresent(file);
        if (bytes.isEmpty()) {
            return FleetSnapshot.empty();
        }
        try {
            return FleetStateJson.parse(bytes.get());
        } catch (IllegalArgumentException e) {
            throw new FleetStateDamagedException(file, e.getMessage());
        }
    }
}
