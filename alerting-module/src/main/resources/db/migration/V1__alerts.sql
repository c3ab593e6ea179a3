-- Alerts are stored before any receiver is told about them (see AlertStore).
CREATE TABLE alert (
    id          VARCHAR(36)   NOT NULL PRIMARY KEY,
    fingerprint VARCHAR(64)   NOT NULL,
    status      VARCHAR(16)   NOT NULL,
    severity    VARCHAR(16)   NOT NULL,
    source      VARCHAR(64)   NOT NULL,
    entity      VARCHAR(1024) NOT NULL,
    detector    VARCHAR(128)  NOT NULL,
    starts_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    ends_at     TIMESTAMP WITH TIME ZONE,
    summary     VARCHAR(2048) NOT NULL,
    explanation TEXT          NOT NULL,
    labels      TEXT          NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX alert_fingerprint ON alert (fingerprint);
CREATE INDEX alert_status ON alert (status);
