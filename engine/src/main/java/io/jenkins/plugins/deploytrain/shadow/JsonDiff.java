package io.jenkins.plugins.deploytrain.shadow;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The plain structural diff, with no rule: every difference between two documents as JSON pointers,
 * arrays compared by index. Applied in order as RFC 6902 operations, the result turns {@code a} into
 * {@code b}.
 */
public final class JsonDiff {
    private static final ShadowDiffer STRICT = new ShadowDiffer(List.of());

    private JsonDiff() {}

    public static List<Difference> diff(JsonNode a, JsonNode b) {
        return STRICT.compare(a, b).unexpected();
    }
}
