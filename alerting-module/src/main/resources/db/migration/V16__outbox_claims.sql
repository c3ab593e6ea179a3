-- Which instance is telling a delivery, until when (alerting-module, Outbox.claim). In a cluster every instance's
-- delivery workers read the same outbox; a worker tells a delivery only after claiming it, so two instances never tell
-- the same one, and a delivery claimed by an instance that died is taken over once its claim lapses. Portable SQL.
ALTER TABLE outbox_delivery ADD COLUMN claimed_by VARCHAR(128);
ALTER TABLE outbox_delivery ADD COLUMN claimed_until TIMESTAMP WITH TIME ZONE;
