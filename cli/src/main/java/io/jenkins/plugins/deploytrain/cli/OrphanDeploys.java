package io.jenkins.plugins.deploytrain.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Deploy processes left running by a runner that died (SIGKILL does not take its children with it).
 * They are found by the TRAIN_ID and TRAIN_ENVIRONMENT in their environment (read from /proc, so even a
 * deploy whose pid never reached the ledger, and the processes it started, are found), and a new deploy of
 * the same environment waits until they are gone: never two deploys of one environment at once.
 */
final class OrphanDeploys {
    private static final Path PROC = Path.of("/proc");

    private OrphanDeploys() {}

    static List<ProcessHandle> of(String trainId, String environment) {
        List<ProcessHandle> found = new ArrayList<>();
        if (!Files.isDirectory(PROC)) {
            return found;
        }
        byte[] train = ("TRAIN_ID=" + trainId).getBytes(StandardCharsets.UTF_8);
        byte[] env = ("TRAIN_ENVIRONMENT=" + environment).getBytes(StandardCharsets.UTF_8);
        long me = ProcessHandle.current().pid();
        try (Stream<Path> entries = Files.list(PROC)) {
            entries.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).forEach(p -> {
                long pid = Long.parseLong(p.getFileName().toString());
                if (pid != me && hasBoth(p.resolve("environ"), train, env)) {
                    ProcessHandle.of(pid).ifPresent(found::add);
                }
            });
        } catch (IOException e) {
            return found;
        }
        return found;
    }

    /** Blocks until no orphan deploy of the environment runs. */
    static void awaitGone(String trainId, String environment, java.io.PrintWriter log) {
        List<ProcessHandle> orphans = of(trainId, environment);
        if (!orphans.isEmpty()) {
            log.println("waiting for " + orphans.size() + " deploy process(es) of " + environment
                    + " left by an earlier runner to end");
            log.flush();
        }
        while (!orphans.isEmpty()) {
            orphans.forEach(p -> p.onExit().join());
            orphans = of(trainId, environment);
        }
    }

    private static boolean hasBoth(Path environ, byte[] a, byte[] b) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(environ);
        } catch (IOException | SecurityException gone) {
            return false;
        }
        boolean foundA = false;
        boolean foundB = false;
        int start = 0;
        for (int i = 0; i <= bytes.length; i++) {
            if (i == bytes.length || bytes[i] == 0) {
                foundA |= entryIs(bytes, start, i, a);
                foundB |= entryIs(bytes, start, i, b);
                start = i + 1;
            }
        }
        return foundA && foundB;
    }

    private static boolean entryIs(byte[] bytes, int from, int to, byte[] wanted) {
        if (to - from != wanted.length) {
            return false;
        }
        for (int i = 0; i < wanted.length; i++) {
            if (bytes[from + i] != wanted[i]) {
                return false;
            }
        }
        return true;
    }
}
