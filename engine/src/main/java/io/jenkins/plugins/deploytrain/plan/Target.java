package io.jenkins.plugins.deploytrain.plan;

/** One deployable unit: a zone of an environment. Its id, {@code environment/zone}, is stable. */
public record Target(String environment, String zone) {

    public Target {
        if (environment.isEmpty() || zone.isEmpty() || environment.contains("/") || zone.contains("/")) {
            throw new IllegalArgumentException("a target needs an environment and a zone without '/': '" + environment + "', '" + zone + "'");
        }
    }

    public String id() {
        return environment + "/" + zone;
    }

    /** The inverse of {@link #id()}. */
    public static Target parse(String id) {
        int slash = id.indexOf('/');
        if (slash <= 0 || slash != id.lastIndexOf('/') || slash == id.length() - 1) {
            throw new IllegalArgumentException("expected environment/zone, found '" + id + "'");
        }
        return new Target(id.substring(0, slash), id.substring(slash + 1));
    }

    @Override
    public String toString() {
        return id();
    }
}
