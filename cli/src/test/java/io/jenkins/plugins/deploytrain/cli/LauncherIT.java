package io.jenkins.plugins.deploytrain.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The repository's {@code deploy-train} launcher, run as a process on a copy of the packaged jar: short commands
 * get an AppCDS archive keyed to the jar and the JVM, an upgraded jar gets a new one (the old one removed), and
 * nothing about the archive (a damaged one, a cache that cannot be written) changes what the command prints or
 * how it exits.
 */
class LauncherIT {

    private static final Path REPO = Path.of(System.getProperty("user.dir")).getParent();
    private static final Path LAUNCHER = REPO.resolve("deploy-train");
    private static final Path PACKAGED = Path.of("target", "deploy-train.jar").toAbsolutePath();
    private static final String TRAIN = REPO.resolve("examples/train.yaml").toString();
    private static final String[] PLAN = {"plan", "--train", TRAIN, "--start", "2026-11-30T08:00:00Z"};

    @TempDir
    Path tmp;

    private Path jar;
    private Path cache;

    private record Run(int exit, String out, String err) {}

    @BeforeEach
    void copyTheJar() throws Exception {
        assumeThat(new File("/bin/bash")).as("the launcher is a bash script").exists();
        assertThat(PACKAGED).as("package the cli first").exists();
        jar = Files.copy(PACKAGED, tmp.resolve("deploy-train.jar"));
        cache = tmp.resolve("cache");
    }

    private Run launch(Path cacheDir, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(LAUNCHER.toString()));
        command.addAll(List.of(args));
        return start(command, Map.of("DEPLOY_TRAIN_JAR", jar.toString(), "DEPLOY_TRAIN_CACHE", cacheDir.toString()));
    }

    private Run plain(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(javaHome().resolve("bin/java").toString(), "-jar", jar.toString()));
        command.addAll(List.of(args));
        return start(command, Map.of());
    }

    private Run start(List<String> command, Map<String, String> env) throws Exception {
        Path out = Files.createTempFile(tmp, "out", ".txt");
        Path err = Files.createTempFile(tmp, "err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(REPO.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().putAll(env);
        // the launcher runs the `java` on the PATH: make it this JVM
        builder.environment().put("PATH", javaHome().resolve("bin") + File.pathSeparator + System.getenv("PATH"));
        Process process = builder.start();
        assertThat(process.waitFor(180, TimeUnit.SECONDS)).as("%s finishes", command).isTrue();
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    private static Path javaHome() {
        return Path.of(System.getProperty("java.home"));
    }

    private List<Path> archiveFolders() throws Exception {
        if (!Files.isDirectory(cache)) {
            return List.of();
        }
        // <cache>/<the jar's path>/<the build's hash>/
        try (Stream<Path> folders = Files.find(cache, 2, (p, attributes) -> attributes.isDirectory())) {
            return folders.filter(p -> cache.relativize(p).getNameCount() == 2).sorted().toList();
        }
    }

    @Test
    void aShortCommandBuildsTheArchiveOnceAndPrintsWhatTheJarPrints() throws Exception {
        Run expected = plain(PLAN);
        assertThat(expected.exit()).as(expected.err()).isZero();

        Run first = launch(cache, PLAN);
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.out()).isEqualTo(expected.out());
        List<Path> folders = archiveFolders();
        assertThat(folders).hasSize(1);
        Path archive = folders.get(0).resolve("app.jsa");
        assertThat(archive).isNotEmptyFile();
        assertThat(folders.get(0).resolve("classes.plan.lst")).isNotEmptyFile();
        FileTime built = Files.getLastModifiedTime(archive);

        Run second = launch(cache, PLAN);
        assertThat(second.exit()).as(second.err()).isZero();
        assertThat(second.out()).isEqualTo(expected.out());
        assertThat(second.err()).isEqualTo(expected.err());
        assertThat(archiveFolders()).containsExactlyElementsOf(folders);
        assertThat(Files.getLastModifiedTime(archive)).as("a current archive is used, not rebuilt").isEqualTo(built);
    }

    @Test
    void anUpgradedJarReplacesTheStaleArchive() throws Exception {
        assertThat(launch(cache, PLAN).exit()).isZero();
        List<Path> before = archiveFolders();
        assertThat(before).hasSize(1);

        // the upgrade: the same path, other content
        try (FileSystem zip = FileSystems.newFileSystem(jar)) {
            Files.writeString(zip.getPath("META-INF", "upgrade.txt"), "the next release\n");
        }
        Run upgraded = launch(cache, PLAN);
        assertThat(upgraded.exit()).as(upgraded.err()).isZero();
        assertThat(upgraded.out()).isEqualTo(plain(PLAN).out());

        List<Path> after = archiveFolders();
        assertThat(after).hasSize(1).doesNotContainAnyElementsOf(before);
        assertThat(before.get(0)).doesNotExist();
        assertThat(after.get(0).resolve("app.jsa")).isNotEmptyFile();
    }

    @Test
    void aDamagedArchiveOrACacheThatCannotBeWrittenStillRunsTheCommand() throws Exception {
        Run expected = plain(PLAN);
        assertThat(launch(cache, PLAN).exit()).isZero();
        Path archive = archiveFolders().get(0).resolve("app.jsa");
        archive.toFile().setWritable(true);
        Files.writeString(archive, "not an archive");
        Run damaged = launch(cache, PLAN);
        assertThat(damaged.exit()).as(damaged.err()).isZero();
        assertThat(damaged.out()).isEqualTo(expected.out());
        assertThat(damaged.err()).isEqualTo(expected.err());

        // a cache under a regular file: no folder can be made there, whoever runs the test
        Path file = Files.writeString(tmp.resolve("a-file"), "");
        Run uncached = launch(file.resolve("cache"), PLAN);
        assertThat(uncached.exit()).as(uncached.err()).isZero();
        assertThat(uncached.out()).isEqualTo(expected.out());
        assertThat(uncached.err()).isEqualTo(expected.err());
    }

    @Test
    void exitCodesPassThroughAndOnlyASucceededShortCommandIsRecorded() throws Exception {
        String missing = tmp.resolve("missing.yaml").toString();
        Run expected = plain("plan", "--train", missing);
        Run failed = launch(cache, "plan", "--train", missing);
        assertThat(failed.exit()).isEqualTo(expected.exit()).isNotZero();
        assertThat(failed.err()).isEqualTo(expected.err());
        assertThat(failed.out()).isEqualTo(expected.out());

        Run runHelp = launch(cache, "run", "--help");
        assertThat(runHelp.exit()).as(runHelp.err()).isZero();
        assertThat(runHelp.out()).isEqualTo(plain("run", "--help").out());

        for (Path folder : archiveFolders()) {
            try (Stream<Path> files = Files.list(folder)) {
                assertThat(files.map(f -> f.getFileName().toString()))
                        .as("run keeps the JVM's defaults; a failed plan records nothing")
                        .noneMatch(name -> name.startsWith("classes."));
            }
        }
    }
}
