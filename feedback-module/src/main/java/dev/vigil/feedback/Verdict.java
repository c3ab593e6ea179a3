package dev.vigil.feedback;

/** What an operator says about an alert. */
public enum Verdict {
    /** A real incident: the detector was right. */
    TRUE_INCIDENT,
    /** Nothing was wrong: the detector was wrong. */
    FALSE_ALARM,
    /** Real but planned: a deploy, maintenance, a sale. */
    EXPECTED,
    /** The level moved for good: accept it as the new baseline. */
    NEW_NORMAL,
    /** Already reported by another alert. */
    DUPLICATE
}
