#!/bin/sh
# Runs once, when the primary's data folder is initialised: a role and a slot for the streaming replica,
# and a pg_hba rule that lets the role connect for replication (with a password).
set -eu
psql -v ON_ERROR_STOP=1 -v password="$POSTGRES_REPLICATION_PASSWORD" --username "$POSTGRES_USER" \
  --dbname "$POSTGRES_DB" <<'SQL'
CREATE ROLE replicator WITH REPLICATION LOGIN PASSWORD :'password';
SELECT pg_create_physical_replication_slot('replica_1');
SQL
echo "host replication replicator all scram-sha-256" >> "$PGDATA/pg_hba.conf"
