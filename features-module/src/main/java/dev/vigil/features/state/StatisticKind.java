package dev.vigil.features.state;

import java.util.Objects;
import java.util.function.DoubleFunction;

/**
 * A named kind of {@link Statistic} and how to make one for a series. The name is its identity: it is written into
 * snapshots (a snapshot that kept other statistics is not restored) and orders a spec's statistics, so two kinds of
 * one name are one kind; a kind with parameters has the parameters in its name ({@code seasonal-hour-of-week}).
 *
 * @param <S> the statistic's type, which scorers read
 */
public final class StatisticKind<S extends Statistic> {

    private final String name;
    private final Class<S> type;
    private final DoubleFunction<S> create;

    private StatisticKind(String name, Class<S> type, DoubleFunction<S> create) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a statistic kind needs a name");
        }
        this.name = name;
        this.type = Objects.requireNonNull(type, "type");
        this.create = Objects.requireNonNull(create, "create");
    }

    /**
     * @param create makes an empty statistic, given the spec's EWMA weight (for statistics that forget at the same
     *               pace as the series' EWMA)
     */
    public static <S extends Statistic> StatisticKind<S> of(String name, Class<S> type, DoubleFunction<S> create) {
        return new StatisticKind<>(name, type, create);
    }

    public String name() {
        return name;
    }

    S create(double ewmaAlpha) {
        return create.apply(ewmaAlpha);
    }

    S cast(Statistic statistic) {
        return type.cast(statistic);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StatisticKind<?> other && name.equals(other.name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return name;
    }
}
