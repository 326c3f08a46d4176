package io.jenkins.plugins.deploytrain.reconcile;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Keeps plans as files {@code <dir>/<train>/<target>.<attempt>.json} (names URL-encoded, so {@code env/zone}
 * stays one file name), readable by the owner only; plan bodies write to {@code <handoffDir>/<target>.json}.
 */
public final class DirectoryPlanArchive implements PlanArchive {

    private final Path dir;
    private final String handoffDir;

    /**
     * @param dir where kept plans go (the host's own directory, e.g. the Jenkins job's)
     * @param handoffDir the directory plan bodies write to, as the body sees it (relative to its working directory, or absolute)
     */
    public DirectoryPlanArchive(Path dir, String handoffDir) {
        this.dir = dir;
        this.handoffDir = handoffDir.endsWith("/") ? handoffDir.substring(0, handoffDir.length() - 1) : handoffDir;
    }

    @Override
    public String handoffPath(String train, String target, int attempt) {
        return handoffDir + "/" + encode(target) + ".json";
    }

    @Override
    public void keep(String train, String target, int attempt, String planJson) throws IOException {
        Path file = file(train, target, attempt);
        Files.createDirectories(file.getParent());
        Path temp = Files.createTempFile(file.getParent(), ".plan", ".tmp");
        try {
            if (Files.getFileAttributeView(temp, java.nio.file.attribute.PosixFileAttributeView.class) != null) {
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
            }
            Files.writeString(temp, planJson, StandardCharsets.UTF_8);
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    @Override
    public Optional<Path> find(String train, String target, int attempt) {
        Path file = file(train, target, attempt);
        return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }

    @Override
    public void forget(String train) throws IOException {
        Path kept = dir.resolve(encode(train));
        if (!Files.isDirectory(kept)) {
            return;
        }
        try (Stream<Path> files = Files.list(kept)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(file);
            }
        }
        Files.deleteIfExists(kept);
    }

    private Path file(String train, String target, int attempt) {
        return dir.resolve(encode(train)).resolve(encode(target) + "." + attempt + ".json");
    }

    private static String encode(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8);
    }
}
