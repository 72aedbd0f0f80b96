-- attempts counts every failed publish, broker outages included. Only failures that retrying cannot fix
-- may set a row aside, so they are counted on their own.
ALTER TABLE outbox ADD COLUMN permanent_failures INT NOT NULL DEFAULT 0;
