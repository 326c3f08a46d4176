package io.jenkins.plugins.deploytrain.terraform;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.POJONode;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * A value the plan does not show as itself: a sensitive value (kept only as a hash of its
 * normalised form, so two plans can be compared without holding the secret) or a value known only
 * after apply. Markers live inside normalised trees as {@link POJONode}s; every rendering of them
 * (JSON, {@code toString}) shows the label, never the hash.
 */
sealed interface Marker {

    String label();

    static JsonNode node(Marker marker) {
        return new POJONode(marker);
    }

    static Marker of(JsonNode node) {
        return node instanceof POJONode pojo && pojo.getPojo() instanceof Marker m ? m : null;
    }

    /** A sensitive value; equal to another when their normalised values hash the same. */
    final class Sensitive implements Marker {
        private final byte[] hash;

        Sensitive(byte[] hash) {
            this.hash = hash.clone();
        }

        byte[] hash() {
            return hash.clone();
        }

        @Override
        public String label() {
            return "(sensitive)";
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Sensitive s && MessageDigest.isEqual(hash, s.hash);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(hash);
        }

        @JsonValue
        @Override
        public String toString() {
            return label();
        }
    }

    /** A value Terraform will only know after apply. */
    enum Unknown implements Marker {
        INSTANCE;

        @Override
        public String label() {
            return "(known after apply)";
        }

        @JsonValue
        @Override
        public String toString() {
            return label();
        }
    }
}
