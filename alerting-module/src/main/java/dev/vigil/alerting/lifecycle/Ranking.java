package dev.vigil.alerting.lifecycle;

import java.util.Map;

import dev.vigil.alerting.lifecycle.Transition.Step;
import dev.vigil.alerting.severity.SeverityRanking;
import dev.vigil.contracts.Finding;
import dev.vigil.contracts.Score;
import dev.vigil.contracts.Severity;

/**
 * How bad what is told is ({@link SeverityRanking}): a fire is ranked by the strongest window remembered; a firing
 * fingerprint anomalous at a higher severity than told is upgraded (told again; a downgrade is not); a flapping one
 * that settles while firing keeps at least the severity it was told at.
 */
final class Ranking implements LifecycleStage {

    private final SeverityRanking ranking;
    private final Iterable<Track> tracks;

    /** @param tracks every fingerprint's track: firing ones sharing corroborating labels rank each other up */
    Ranking(SeverityRanking ranking, Iterable<Track> tracks) {
        this.ranking = ranking;
        this.tracks = tracks;
    }

    @Override
    public Transition apply(Transition t) {
        Track track = t.track();
        if (t.step() == Step.FIRE) {
            return t.ranked(severity(track.strongest(), track));
        }
        if (t.step() == Step.FIRING && !track.flapping && track.open != null) {
            Severity now = severity(t.score(), track);
            return now.compareTo(track.open.severity()) > 0 ? t.to(Step.UPGRADE).ranked(now) : t;
        }
        if (t.settles() && track.on) {
            Score strongest = track.strongest() == null ? t.score() : track.strongest();
            Severity now = severity(strongest, track);
            return t.ranked(now.compareTo(track.open.severity()) >= 0 ? now : track.open.severity());
        }
        return t;
    }

    private Severity severity(Score score, Track track) {
        Map<String, String> labels = AlertLifecycle.labelsOf(score);
        return ranking.severity(score.score(), labels, agreeingDimensions(score) + relatedFiring(track, labels));
    }

    private static int agreeingDimensions(Score score) {
        int agreeing = 0;
        for (Finding finding : score.explanation().findings()) {
            if (finding.anomalous()) {
                agreeing++;
            }
        }
        return Math.max(1, agreeing);
    }

    /** Other fingerprints of the same source firing now with the same values of the corroborate-by labels. */
    private int relatedFiring(Track self, Map<String, String> labels) {
        if (ranking.corroborateBy().isEmpty() || !labels.keySet().containsAll(ranking.corroborateBy())) {
            return 0;
        }
        int related = 0;
        for (Track other : tracks) {
            if (other != self && other.on && other.source.equals(self.source)
                    && ranking.corroborateBy().stream().allMatch(k -> labels.get(k).equals(other.labels.get(k)))) {
                related++;
            }
        }
        return related;
    }

    @Override
    public String toString() {
        return "ranking";
    }
}
