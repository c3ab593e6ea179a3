-- Silences created at run time (alerting-module, SilenceStore): through /api/silences, the console, or an "expected"
-- answer. Stored so that a restart keeps them and every instance sharing the database mutes with them (each reads the
-- table every vigil.alerting.silences.poll-ms). A row also records the expiry of a silence from the alerting file.
-- Who did what stays in the row: creator, and expired_by for whoever ended it early. Portable SQL (H2, PostgreSQL).
CREATE TABLE silence (
    id         VARCHAR(64)   NOT NULL PRIMARY KEY,
    matchers   TEXT          NOT NULL,
    creator    VARCHAR(256)  NOT NULL,
    comment    TEXT          NOT NULL,
    starts_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    ends_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    expired_by VARCHAR(256)
);

CREATE INDEX silence_ends_at ON silence (ends_at);
