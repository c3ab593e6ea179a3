-- The inputs that open windows hold (detection-module, state.InputJournal): written after a batch was taken in and
-- before it is acknowledged, so a crash loses no acknowledged input; rows no open window needs any more are deleted
-- on every idle check. At start the rows left are replayed into the windows.
-- Portable SQL: H2 and PostgreSQL.
CREATE TABLE input_journal (
    -- the batch's position: positions grow with every batch
    position    BIGINT       NOT NULL PRIMARY KEY,
    -- metrics, logs or users
    stream      VARCHAR(16)  NOT NULL,
    -- when the batch was taken in (wall clock): replay closes idle windows as they were closed then
    taken_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    -- the events open windows held, deflated JSON
    events      BYTEA        NOT NULL
);

-- Per stream, the position up to which its saved learned state (detector_state) has learned: rows up to it are
-- replayed into the windows only, later ones are learned from again.
CREATE TABLE input_journal_mark (
    stream      VARCHAR(16)  NOT NULL PRIMARY KEY,
    position    BIGINT       NOT NULL
);
