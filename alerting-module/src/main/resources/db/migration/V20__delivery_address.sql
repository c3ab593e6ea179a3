-- A delivery's receiver column holds its address (alerting-module, Receivers): a receiver of vigil.notify.receivers
-- (slack) or one integration of a receiver the alerting file names (db-team/slack), longer than the 32 characters a
-- kind's name needed. Portable SQL (H2, PostgreSQL).
ALTER TABLE outbox_delivery ALTER COLUMN receiver SET DATA TYPE VARCHAR(160);
