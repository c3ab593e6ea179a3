-- When the latest attempt at a delivery started (alerting-module, Outbox.startAttempt). The attempt is counted and
-- its start written before the receiver is called, so a crash in the middle of a call still shows that try in the
-- delivery log, and a retry knows an earlier call may have reached the receiver. Portable SQL.
ALTER TABLE outbox_delivery ADD COLUMN last_attempt_at TIMESTAMP WITH TIME ZONE;
