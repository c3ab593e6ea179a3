package dev.vigil.alerting.lifecycle;

/** One decision the lifecycle makes about a score, in the order {@link LifecycleStages} lists. */
interface LifecycleStage {

    Transition apply(Transition transition);
}
