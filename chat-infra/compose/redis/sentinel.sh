#!/bin/sh
# One Redis Sentinel of three watching the master 'chat-master' (quorum 2). The configuration is written
# once into the sentinel's volume: Sentinel rewrites it as it learns (replicas, other sentinels, a failover),
# and must find that state again after a restart rather than the first master.
set -eu
conf=/data/sentinel.conf
if [ ! -s "$conf" ]; then
  cat > "$conf" <<CONF
port 26379
sentinel resolve-hostnames yes
sentinel announce-hostnames yes
sentinel announce-ip ${SENTINEL_ANNOUNCE_HOSTNAME}
sentinel monitor chat-master redis-master 6379 2
sentinel auth-pass chat-master ${REDIS_PASSWORD}
sentinel down-after-milliseconds chat-master 5000
sentinel failover-timeout chat-master 30000
sentinel parallel-syncs chat-master 1
CONF
fi
# The image's entrypoint hands the folder to the redis user and drops root for redis-server.
exec docker-entrypoint.sh redis-server "$conf" --sentinel
