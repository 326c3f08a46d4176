package io.jenkins.plugins.deploytrain.cli;

import io.jenkins.plugins.deploytrain.config.ConfigProblem;
import java.io.PrintWriter;
import java.util.List;

/** Prints configuration problems the way compilers do, so editors and CI logs link them. */
final class Problems {

    private Problems() {}

    static void print(PrintWriter err, List<ConfigProblem> problems) {
        problems.forEach(err::println);
        err.println(problems.size() == 1 ? "1 problem" : problems.size() + " problems");
    }
}
