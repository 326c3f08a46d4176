package io.jenkins.plugins.deploytrain.jenkins.config;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.deploytrain.plan.DefaultWindows;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * The global {@code defaultWindows} of the Deploy Train settings, for a train being loaded: the text is taken when
 * the train starts and kept with it, and read with the engine's {@link DefaultWindows}, which also holds the rule
 * that applies it (to trains without {@code allowed:} of their own).
 */
@Restricted(NoExternalUse.class)
public final class DefaultWindowsSetting {

    private DefaultWindowsSetting() {}

    /** The settings' text now; null when none is set. */
    @CheckForNull
    public static String current() {
        return DeployTrainGlobalConfiguration.get().getDefaultWindows();
    }

    /**
     * @throws io.jenkins.plugins.deploytrain.config.ConfigException naming the setting, line and field of every problem
     */
    public static DefaultWindows parse(@CheckForNull String text) {
        return DefaultWindows.parse(text, Messages.DeployTrainGlobalConfiguration_defaultWindows());
    }
}
