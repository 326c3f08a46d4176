package io.jenkins.plugins.deploytrain.config;

/** Field paths as users read them: {@code environments[3].zones}, {@code windows.business-hours}. */
final class Paths {

    private Paths() {}

    static String key(String parent, String key) {
        return parent.isEmpty() ? key : parent + "." + key;
    }

    static String index(String parent, int index) {
        return parent + "[" + index + "]";
    }
}
