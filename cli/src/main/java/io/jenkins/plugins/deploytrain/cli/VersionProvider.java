package io.jenkins.plugins.deploytrain.cli;

import picocli.CommandLine;

/** Reads the version Maven wrote into the jar manifest, so there is one source of truth. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = DeployTrainCommand.class.getPackage().getImplementationVersion();
        return new String[] {"deploy-train " + (v == null ? "(development build)" : v)};
    }
}
