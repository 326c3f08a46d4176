package io.jenkins.plugins.deploytrain.jenkins.steps;

import io.jenkins.plugins.deploytrain.reconcile.Command;
import io.jenkins.plugins.deploytrain.reconcile.StepperPorts;
import io.jenkins.plugins.deploytrain.reconcile.TrainStepper;
import java.io.IOException;
import java.util.List;

/** One stepper event as the execution sends it: what the stepper is told, with its ports; the commands it answers. */
@FunctionalInterface
interface StepperEvent {
    List<Command> apply(TrainStepper stepper, StepperPorts ports) throws IOException, InterruptedException;
}
