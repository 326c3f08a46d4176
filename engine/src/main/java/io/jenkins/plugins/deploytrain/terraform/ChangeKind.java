package io.jenkins.plugins.deploytrain.terraform;

/** The three lists of changes a plan holds; drift is kept apart from what apply will do. */
enum ChangeKind {
    RESOURCE("resource_changes"),
    OUTPUT("output_changes"),
    DRIFT("resource_drift");

    private final String field;

    ChangeKind(String field) {
        this.field = field;
    }

    /** The plan's top-level field this kind is read from. */
    String field() {
        return field;
    }
}
