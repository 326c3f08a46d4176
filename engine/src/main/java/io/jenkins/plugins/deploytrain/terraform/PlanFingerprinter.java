package io.jenkins.plugins.deploytrain.terraform;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Fingerprints a plan in one streaming pass: each change is normalised for the target's tokens,
 * hashed, and dropped; only the per-change hashes stay. The fingerprint hashes those, sorted by
 * address, so neither key order nor resource order matter.
 */
public final class PlanFingerprinter {

    private final PlanTokens tokens;

    public PlanFingerprinter(PlanTokens tokens) {
        this.tokens = tokens;
    }

    public PlanDigest fingerprint(Path plan) throws IOException, PlanFormatException {
        Digests digests = new Digests();
        PlanReader.Header header = PlanReader.read(plan, new NormalisedChanges(tokens, key -> true, digests));
        return digests.finish(plan.toString(), header);
    }

    public PlanDigest fingerprint(InputStream plan, String name) throws IOException, PlanFormatException {
        Digests digests = new Digests();
        PlanReader.Header header = PlanReader.read(plan, name, new NormalisedChanges(tokens, key -> true, digests));
        return digests.finish(name, header);
    }

    private static final class Digests implements NormalisedChanges.Receiver {
        private final SortedMap<String, String> changes = new TreeMap<>();
        private final SortedMap<String, String> drift = new TreeMap<>();
        private final CanonicalDigest digest = new CanonicalDigest();

        @Override
        public void accept(ChangeKind kind, String key, ObjectNode normalised) {
            (kind == ChangeKind.DRIFT ? drift : changes).put(key, digest.hex(normalised));
        }

        PlanDigest finish(String source, PlanReader.Header header) {
            CanonicalDigest fingerprint = new CanonicalDigest();
            fingerprint.updateString(PlanDigest.SCHEME);
            changes.forEach((key, digest) -> {
                fingerprint.updateString(key);
                fingerprint.updateString(digest);
            });
            return new PlanDigest(source, header.formatVersion(), PlanDigest.SCHEME + ":" + fingerprint.finishHex(), changes, drift);
        }
    }
}
