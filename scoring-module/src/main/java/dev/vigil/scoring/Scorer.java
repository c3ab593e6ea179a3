package dev.vigil.scoring;

/**
 * Scores one feature value against its baseline. A scorer may keep state per entity (CUSUM does); it is called
 * once per closed window, in window order for each entity.
 */
public interface Scorer {

    String name();

    Finding score(ScoringInput input);
}
