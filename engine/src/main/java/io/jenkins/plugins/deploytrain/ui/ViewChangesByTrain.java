package io.jenkins.plugins.deploytrain.ui;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One {@link ViewChanges} per train a host serves many of (the Jenkins build pages), the least recently polled
 * forgotten past a bound: each keeps one train in memory, and a forgotten train's pages only get whole
 * documents again.
 */
public final class ViewChangesByTrain {

    private final Map<String, ViewChanges> byKey;

    /** @param trains how many trains' histories are kept */
    public ViewChangesByTrain(int trains) {
        if (trains < 1) {
            throw new IllegalArgumentException("trains must be at least 1, not " + trains);
        }
        this.byKey = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, ViewChanges> eldest) {
                return size() > trains;
            }
        };
    }

    /** The history of the train with this key (a job and train id), new when unknown or forgotten. */
    public synchronized ViewChanges of(String key) {
        return byKey.computeIfAbsent(key, k -> new ViewChanges());
    }
}
