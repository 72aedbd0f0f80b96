#!/bin/sh
# The streaming replica: on first start, copy the primary with pg_basebackup (-R writes standby.signal and
# primary_conninfo; the slot keeps the WAL it still needs), then run the image's entrypoint as usual, which
# starts the server on the existing data as a hot standby.
set -eu
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  export PGPASSWORD="$POSTGRES_REPLICATION_PASSWORD"
  until pg_basebackup --host=postgres-primary --username=replicator --pgdata="$PGDATA" \
      --wal-method=stream --slot=replica_1 --write-recovery-conf --checkpoint=fast; do
    echo "pg_basebackup failed; retrying in 2 s" >&2
    rm -rf "${PGDATA:?}"/*
    sleep 2
  done
  unset PGPASSWORD
  chmod 700 "$PGDATA"
fi
exec docker-entrypoint.sh postgres -c hot_standby=on
