package io.jenkins.plugins.deploytrain.shadow;

/** RFC 6901 escaping of one pointer segment. */
final class JsonPointers {
    private JsonPointers() {}

    static String escape(String segment) {
        if (segment.indexOf('~') < 0 && segment.indexOf('/') < 0) {
            return segment;
        }
        return segment.replace("~", "~0").replace("/", "~1");
    }

    static String unescape(String segment) {
        if (segment.indexOf('~') < 0) {
            return segment;
        }
        return segment.replace("~1", "/").replace("~0", "~");
    }
}
