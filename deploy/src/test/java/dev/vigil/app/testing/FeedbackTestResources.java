package dev.vigil.app.testing;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/** The feedback tests' own real server, started once for the whole suite like {@link VigilTestResources}. */
@WithTestResource(value = GreenMailResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
public final class FeedbackTestResources {

    private FeedbackTestResources() {
    }
}
