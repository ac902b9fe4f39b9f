# Sourced by the scripts that test a running server (schemathesis.sh, browser.sh): starts
# "$bin" on a fresh SQLite file with the demo loaded on a free loopback port, waits until it
# answers, and stops it (removing the file) when the script exits. Sets $work, $base and $server.
# `serve --demo` loads the demo before it listens, so /readyz answering means the demo is in.
work=$(mktemp -d)
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
base="http://127.0.0.1:$port"
unset DATABASE_URL
"$bin" serve --demo --database "$work/zhanju.sqlite" --hostname 127.0.0.1 --port "$port" >"$work/server.log" 2>&1 &
server=$!
cleanup() {
  kill "$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

echo "waiting for the server and the demo (log: $work/server.log)"
for _ in $(seq 1 600); do
  curl -fsS "$base/readyz" >/dev/null 2>&1 && break
  kill -0 "$server" 2>/dev/null || { cat "$work/server.log" >&2; echo "server exited" >&2; exit 1; }
  sleep 1
done
curl -fsS "$base/readyz" >/dev/null || { tail -20 "$work/server.log" >&2; echo "server not ready after 10 minutes" >&2; exit 1; }
