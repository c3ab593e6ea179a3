package dev.vigil.features.window;

import java.util.Map;

/** What one window accumulates from its events, and the features it yields when it closes. */
public interface WindowAggregate<E> {

    void add(E event);

    Map<String, Double> features();
}
