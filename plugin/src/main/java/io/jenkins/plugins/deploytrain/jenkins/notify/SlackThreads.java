package io.jenkins.plugins.deploytrain.jenkins.notify;

import hudson.model.Job;
import io.jenkins.plugins.deploytrain.jenkins.state.JobLedgerStore;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Where each train of a job has its Slack thread, and the newest reply in it already read, kept next to
 * the job's ledger in {@code deploy-train/slack-threads.properties}: a build resumed after a restart, or
 * the next build continuing the train, posts into the same thread and reads no reply twice (a reply read
 * again would be applied again). The ledger has no field for it; it is the host's business, not the train's.
 */
final class SlackThreads {

    static final String FILE = "slack-threads.properties";
    private static final String THREAD = "thread.";
    private static final String SEEN = "seen.";

    private final Path folder;

    private SlackThreads(Path folder) {
        this.folder = folder;
    }

    static SlackThreads of(Job<?, ?> job) {
        return new SlackThreads(JobLedgerStore.folderOf(job));
    }

    /** Train id to thread ts. */
    Map<String, String> threads() {
        Map<String, String> threads = new HashMap<>();
        Properties p = read();
        p.stringPropertyNames().stream()
                .filter(k -> k.startsWith(THREAD))
                .forEach(k -> threads.put(k.substring(THREAD.length()), p.getProperty(k)));
        return threads;
    }

    void threadStarted(String trainId, String ts) {
        write(THREAD + trainId, ts);
    }

    Optional<String> lastSeen(String trainId) {
        return Optional.ofNullable(read().getProperty(SEEN + trainId));
    }

    void seen(String trainId, String ts) {
        write(SEEN + trainId, ts);
    }

    private Properties read() {
        synchronized (SlackThreads.class) {
            Properties p = new Properties();
            Path file = folder.resolve(FILE);
            if (Files.exists(file)) {
                try (Reader r = Files.newBufferedReader(file)) {
                    p.load(r);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + file, e);
                }
            }
            return p;
        }
    }

    /**
     * Replaces the file atomically. Only into the folder the ledger made: a job deleted meanwhile must not
     * get its folder back.
     */
    private void write(String key, String value) {
        synchronized (SlackThreads.class) {
            if (!Files.isDirectory(folder)) {
                return;
            }
            Properties p = read();
            p.setProperty(key, value);
            Path file = folder.resolve(FILE);
            Path next = folder.resolve(FILE + ".tmp");
            try {
                try (Writer w = Files.newBufferedWriter(next)) {
                    p.store(w, "Slack thread of each train and the newest reply read in it");
                }
                Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + file, e);
            }
        }
    }
}
