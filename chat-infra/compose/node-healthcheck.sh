#!/bin/bash
# The chat node's container health check: healthy when GET /readyz on the API port answers 200. The
# readiness group includes the fan-out feeds (see docker-compose.yml), so a node that would miss live
# messages is not healthy. Plain bash (/dev/tcp): the runtime image needs no curl.
exec 3<>/dev/tcp/127.0.0.1/"${SERVER_PORT:-8080}" || exit 1
printf 'GET /readyz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n' >&3
IFS= read -r -t 4 status <&3 || exit 1
case "$status" in
  "HTTP/1.1 200"*) exit 0 ;;
  *) exit 1 ;;
esac
