-- What every detector has learned, so a restart does not relearn from scratch: one row per detector holding the
-- gzipped snapshot of its series' states (format: SeriesStates.writeSnapshot). Replaced whole at each save.
CREATE TABLE detector_state (
    detector  VARCHAR(63)  NOT NULL PRIMARY KEY,
    spec      VARCHAR(200) NOT NULL,
    series    INTEGER      NOT NULL,
    snapshot  BYTEA        NOT NULL,
    saved_at  TIMESTAMP    NOT NULL
);
