package io.jenkins.plugins.deploytrain.cli;

import io.jenkins.plugins.deploytrain.reconcile.WorkerLiveness;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.Optional;

/**
 * Names this runner process as a worker ({@code cli:HOST:PID:STARTMILLIS}) and tells whether a named worker
 * still runs: the same host, a live process with that pid, started at that instant (so a reused pid is not
 * mistaken for the old runner). A worker of another host is taken as alive; its lease expiry decides.
 */
final class CliWorker implements WorkerLiveness {

    static String self() {
        ProcessHandle me = ProcessHandle.current();
        return "cli:" + host() + ":" + me.pid() + ":" + me.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
    }

    @Override
    public boolean alive(String worker) {
        String[] parts = worker.split(":");
        if (parts.length != 4 || !parts[0].equals("cli")) {
            return true;
        }
        if (!parts[1].equals(host())) {
            return true;
        }
        try {
            long pid = Long.parseLong(parts[2]);
            long started = Long.parseLong(parts[3]);
            Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
            return process.flatMap(p -> p.info().startInstant()).map(Instant::toEpochMilli).map(s -> s == started)
                    .orElse(process.isPresent() && started == 0);
        } catch (NumberFormatException notOurs) {
            return true;
        }
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName().replace(':', '_');
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
