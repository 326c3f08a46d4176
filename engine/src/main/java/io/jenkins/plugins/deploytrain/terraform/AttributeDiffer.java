package io.jenkins.plugins.deploytrain.terraform;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** The attribute paths where two normalised changes differ, objects by key and lists by position. */
final class AttributeDiffer {

    private AttributeDiffer() {}

    static List<AttributeDifference> diff(JsonNode approved, JsonNode candidate) {
        List<AttributeDifference> out = new ArrayList<>();
        walk("", approved, candidate, out);
        return out;
    }

    private static void walk(String path, JsonNode approved, JsonNode candidate, List<AttributeDifference> out) {
        if (approved.equals(candidate)) {
            return;
        }
        if (approved.isObject() && candidate.isObject()) {
            TreeSet<String> names = new TreeSet<>();
            approved.fieldNames().forEachRemaining(names::add);
            candidate.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                walk(path.isEmpty() ? name : path + "." + name, approved.path(name), candidate.path(name), out);
            }
        } else if (approved.isArray() && candidate.isArray() && approved.size() == candidate.size()) {
            for (int i = 0; i < approved.size(); i++) {
                walk(path + "[" + i + "]", approved.get(i), candidate.get(i), out);
            }
        } else if (Marker.of(approved) instanceof Marker.Sensitive && Marker.of(candidate) instanceof Marker.Sensitive) {
            out.add(new AttributeDifference(path, "(sensitive)", "(sensitive, a different value)"));
        } else {
            out.add(new AttributeDifference(path, DisplayValue.render(approved), DisplayValue.render(candidate)));
        }
    }
}
