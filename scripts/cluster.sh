#!/usr/bin/env bash
# Several Zhanju nodes on one PostgreSQL behind nginx, on loopback, and a soak test that kills a
# node in the middle. Everything lives under $CLUSTER (default /tmp/zhanju-cluster) and stops again.
#
#   scripts/cluster.sh start [nodes]   PostgreSQL primary (port 5440) and a streaming replica (5441),
#                                      the demo loaded, N nodes (8101…; default 3), nginx on 8100
#   scripts/cluster.sh soak [seconds]  case filings and reads through nginx; node 2 is killed with
#                                      kill -9 halfway and restarted; then lost, duplicated and
#                                      failed requests are counted and the audit chain verified
#   scripts/cluster.sh scale N         nginx sends to the first N nodes (starting any not running)
#   scripts/cluster.sh stop            stops everything and removes $CLUSTER
#
# Needs PostgreSQL and nginx from Debian (installed when missing) and a built `zhanju`
# (BIN=path, else .build-release/release/zhanju, else .build/debug/zhanju). Run as root.
set -euo pipefail
cd "$(dirname "$0")/.."
CLUSTER=${CLUSTER:-/tmp/zhanju-cluster}
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
PRIMARY=5440 REPLICA=5441 LB=8100
URL="postgres://postgres:zhanju@127.0.0.1:$PRIMARY/zhanju"

bin() {
  if [ -n "${BIN:-}" ]; then echo "$BIN"
  elif [ -x .build-release/release/zhanju ]; then echo .build-release/release/zhanju
  else swift build --product zhanju >/dev/null && echo .build/debug/zhanju; fi
}

need() {
  if [ -z "$PGBIN" ] || ! command -v nginx >/dev/null 2>&1; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql nginx >/dev/null
    PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  fi
}

as_pg() { su postgres -s /bin/bash -c "$*"; }

node_start() { # n
  local n=$1 port=$((8100 + $1))
  ZHANJU_ENV=production DATABASE_URL="$URL" ZHANJU_SECRET_KEY="$(cat "$CLUSTER/secret")" \
    "$(cat "$CLUSTER/bin")" serve --hostname 127.0.0.1 --port "$port" >>"$CLUSTER/node$n.log" 2>&1 &
  echo $! > "$CLUSTER/node$n.pid"
  for _ in $(seq 1 100); do curl -fsS "127.0.0.1:$port/readyz" >/dev/null 2>&1 && return 0; sleep 0.2; done
  echo "node $n did not become ready (log: $CLUSTER/node$n.log)" >&2; return 1
}

nginx_conf() { # nodes
  local servers=""
  for n in $(seq 1 "$1"); do servers+="    server 127.0.0.1:$((8100 + n)) max_fails=1 fail_timeout=2s;"$'\n'; done
  cat > "$CLUSTER/nginx.conf" <<CONF
worker_processes 1;
pid $CLUSTER/nginx.pid;
error_log $CLUSTER/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  upstream zhanju {
$servers    keepalive 64;
  }
  server {
    listen 127.0.0.1:$LB;
    location / {
      proxy_pass http://zhanju;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$host;
      proxy_set_header X-Forwarded-For \$remote_addr;
      # A POST that reached a node which then died is not sent again to another: the client
      # sees the failure and decides (nginx's default for non-idempotent requests, said here).
      proxy_next_upstream error timeout;
    }
  }
}
CONF
}

start() {
  local nodes=${1:-3}
  need
  [ -d "$CLUSTER" ] && { echo "$CLUSTER exists: scripts/cluster.sh stop first" >&2; exit 1; }
  mkdir -p "$CLUSTER" && chmod 777 "$CLUSTER"
  bin > "$CLUSTER/bin"
  head -c 32 /dev/urandom | base64 > "$CLUSTER/secret"
  echo "$nodes" > "$CLUSTER/nodes"
  echo "PostgreSQL primary on $PRIMARY"
  as_pg "$PGBIN/initdb -D $CLUSTER/primary -U postgres --auth=trust >/dev/null"
  cat >> "$CLUSTER/primary/postgresql.conf" <<CONF
port = $PRIMARY
listen_addresses = '127.0.0.1'
unix_socket_directories = '$CLUSTER'
wal_level = replica
max_wal_senders = 4
max_connections = 300
CONF
  echo "host replication postgres 127.0.0.1/32 trust" >> "$CLUSTER/primary/pg_hba.conf"
  as_pg "$PGBIN/pg_ctl -D $CLUSTER/primary -l $CLUSTER/primary.log -w start >/dev/null"
  as_pg "psql -h $CLUSTER -p $PRIMARY -qc \"ALTER USER postgres PASSWORD 'zhanju'\" -c 'CREATE DATABASE zhanju'"
  echo "streaming replica on $REPLICA"
  as_pg "$PGBIN/pg_basebackup -h 127.0.0.1 -p $PRIMARY -D $CLUSTER/replica -R -X stream"
  sed -i "s/^port = $PRIMARY/port = $REPLICA/" "$CLUSTER/replica/postgresql.conf"
  as_pg "$PGBIN/pg_ctl -D $CLUSTER/replica -l $CLUSTER/replica.log -w start >/dev/null"
  echo "loading the demo"
  DATABASE_URL="$URL" ZHANJU_SECRET_KEY="$(cat "$CLUSTER/secret")" "$(cat "$CLUSTER/bin")" demo 2>&1 | grep -E "^Shenxianshu|s\)$" || true
  for n in $(seq 1 "$nodes"); do node_start "$n"; echo "node $n on $((8100 + n))"; done
  nginx_conf "$nodes"
  nginx -c "$CLUSTER/nginx.conf"
  echo "nginx on $LB: http://127.0.0.1:$LB/ (demo accounts: README)"
  echo "replica lag: $(as_pg "psql -h $CLUSTER -p $REPLICA -d zhanju -tAc 'SELECT COUNT(*) FROM households'") households on the replica"
}

soak() {
  local seconds=${1:-30}
  [ -f "$CLUSTER/nodes" ] || { echo "no cluster: scripts/cluster.sh start" >&2; exit 1; }
  local nodes; nodes=$(cat "$CLUSTER/nodes")
  local before; before=$(as_pg "psql -h $CLUSTER -p $PRIMARY -d zhanju -tAc 'SELECT COUNT(*) FROM cases'")
  python3 scripts/cluster_soak.py --base "http://127.0.0.1:$LB" --seconds "$seconds" --out "$CLUSTER/acknowledged.txt" &
  local load=$!
  if [ "$nodes" -ge 2 ]; then
    sleep $((seconds / 2))
    echo "kill -9 node 2 (pid $(cat "$CLUSTER/node2.pid"))"
    kill -9 "$(cat "$CLUSTER/node2.pid")"
    sleep 3
    node_start 2 && echo "node 2 restarted"
  fi
  wait $load
  local acknowledged missing duplicates after
  acknowledged=$(wc -l < "$CLUSTER/acknowledged.txt")
  missing=$(as_pg "psql -h $CLUSTER -p $PRIMARY -d zhanju -qtA" <<SQL | tail -1
CREATE TEMP TABLE acknowledged (id uuid);
\copy acknowledged FROM '$CLUSTER/acknowledged.txt'
SELECT COUNT(*) FROM acknowledged a LEFT JOIN cases c ON c.id = a.id WHERE c.id IS NULL;
SQL
)
  duplicates=$(as_pg "psql -h $CLUSTER -p $PRIMARY -d zhanju -tAc 'SELECT COUNT(*) FROM (SELECT number FROM cases GROUP BY number HAVING COUNT(*) > 1) d'")
  after=$(as_pg "psql -h $CLUSTER -p $PRIMARY -d zhanju -tAc 'SELECT COUNT(*) FROM cases'")
  echo "nodes: $nodes; acknowledged filings: $acknowledged; missing: $missing; duplicate case numbers: $duplicates; cases added: $((after - before))"
  DATABASE_URL="$URL" ZHANJU_SECRET_KEY="$(cat "$CLUSTER/secret")" "$(cat "$CLUSTER/bin")" audit verify
  sleep 1
  echo "replica: $(as_pg "psql -h $CLUSTER -p $REPLICA -d zhanju -tAc 'SELECT COUNT(*) FROM cases'") cases (primary: $after)"
}

scale() { # nodes: nginx sends to the first N nodes (started if needed)
  local nodes=$1
  for n in $(seq 1 "$nodes"); do
    if ! { [ -f "$CLUSTER/node$n.pid" ] && kill -0 "$(cat "$CLUSTER/node$n.pid")" 2>/dev/null; }; then node_start "$n"; echo "node $n on $((8100 + n))"; fi
  done
  echo "$nodes" > "$CLUSTER/nodes"
  nginx_conf "$nodes"
  nginx -c "$CLUSTER/nginx.conf" -s reload
  sleep 1
  echo "nginx sends to $nodes node(s)"
}

stop() {
  [ -d "$CLUSTER" ] || return 0
  [ -f "$CLUSTER/nginx.pid" ] && nginx -c "$CLUSTER/nginx.conf" -s stop 2>/dev/null || true
  for pid in "$CLUSTER"/node*.pid; do [ -f "$pid" ] && kill "$(cat "$pid")" 2>/dev/null || true; done
  for db in replica primary; do [ -d "$CLUSTER/$db" ] && as_pg "$PGBIN/pg_ctl -D $CLUSTER/$db -m fast -w stop >/dev/null" || true; done
  rm -rf "$CLUSTER"
  echo "stopped"
}

case "${1:-}" in
  start) start "${2:-3}" ;;
  soak) soak "${2:-30}" ;;
  scale) scale "${2:?how many nodes}" ;;
  stop) stop ;;
  *) sed -n 2,15p "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
