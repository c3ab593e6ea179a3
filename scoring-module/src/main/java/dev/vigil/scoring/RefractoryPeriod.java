package dev.vigil.scoring;

/**
 * One incident, one alarm: after an alarm, a finding is held just below its limit ({@link #HELD} of it) for a number
 * of values, so a detector that has spoken does not speak again at once. Its memory is one slot of the series' or
 * entity's own state (so it is bounded, evicted and snapshotted with it): negative while an incident lasts (from
 * {@link Calibration.Refractory#END}), else the values left to hold.
 * <p>
 * From {@link Calibration.Refractory#END} (the default) the period starts when the incident ends (the first value back
 * below the limit), so an ongoing incident keeps alarming and only a relapse soon after it is held. From
 * {@link Calibration.Refractory#ALARM} it starts {@code hold} values after the alarm (the alarm itself and, so N-of-M
 * confirmation still sees consecutive anomalous windows, the ones after it), which cuts an incident short.
 *
 * @param values values during which the finding stays below its limit; 0 for none
 * @param hold   {@link Calibration.Refractory#ALARM}: values from the alarm on that are scored as they are first
 * @param from   when the period starts
 */
public record RefractoryPeriod(int values, int hold, Calibration.Refractory from) {

    /** The held finding's ceiling, as a share of its limit (score 0.47). */
    public static final double HELD = 0.9;

    public RefractoryPeriod {
        if (values < 0 || hold < 1 || from == null) {
            throw new IllegalArgumentException("a refractory period needs values >= 0 and hold >= 1, got values="
                    + values + " hold=" + hold);
        }
    }

    /**
     * What the period makes of a statistic against its limit, updating its slot.
     *
     * @return the statistic, or {@code HELD * limit} when it is held; {@link Outcome#left} says for how many more
     *         values (0: not held)
     */
    public Outcome apply(double statistic, double limit, double[] slots, int slot) {
        long left = (long) slots[slot];
        if (from == Calibration.Refractory.END && left < 0) {
            // in an incident: it alarms as long as it lasts; its end starts the period
            if (statistic < limit) {
                slots[slot] = values;
            }
        } else if (from == Calibration.Refractory.ALARM && left > values) {
            slots[slot] = left - 1; // still holding the alarm: scored as it is
        } else if (left > 0) {
            slots[slot] = left - 1;
            if (statistic > HELD * limit) {
                return new Outcome(HELD * limit, left);
            }
        } else if (statistic >= limit && values > 0) {
            slots[slot] = from == Calibration.Refractory.END ? -1 : values + hold - 1;
        }
        return new Outcome(statistic, 0);
    }

    /** The words an explanation puts before a held finding. */
    public String held(long left) {
        return "held below the limit, " + left + " more values of refractory period after an "
                + (from == Calibration.Refractory.END ? "incident" : "alarm") + ": ";
    }

    /** A statistic after the period, and how many more values it is held for (0: not held). */
    public record Outcome(double statistic, long left) {
    }
}
