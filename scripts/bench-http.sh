#!/usr/bin/env bash
# HTTP load benchmarks of the pages with wrk (Debian's package), against the
# release server on a SQLite database with 1,000,000 dossiers.
#
#   scripts/bench-http.sh [DB_FILE]      (default: target/bench-1m.db)
#
# Builds the database first if it is missing (see BENCHMARKS.md). Prints
# p50/p90/p99 for: the inbox page (HTML), the same inbox as JSON, the public
# status look-up page, the receipt PDF, and /healthz as the floor.
set -euo pipefail
cd "$(dirname "$0")/.."
DB="${1:-$PWD/target/bench-1m.db}"
PORT="${PORT:-8097}"
DURATION="${DURATION:-20s}"
BASE="http://127.0.0.1:$PORT"
command -v wrk >/dev/null || { echo "wrk is required: apt-get install wrk"; exit 1; }
cargo build --release -q -p motcua
BIN="${CARGO_TARGET_DIR:-target}/release/motcua"
if [ ! -f "$DB" ]; then
  "$BIN" demo --db "sqlite://$DB" --dossiers 0
  "$BIN" generate-dossiers --db "sqlite://$DB" --count 1000000
fi
"$BIN" serve --db "sqlite://$DB" --bind "127.0.0.1:$PORT" --no-demo > /tmp/motcua-bench-server.log 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do curl -sf "$BASE/healthz" >/dev/null && break; sleep 0.5; done

login() {
  curl -sf -X POST "$BASE/api/v1/auth/login" -H 'content-type: application/json' \
    -d "{\"username\":\"$1\",\"password\":\"$2\"}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])'
}
SPECIALIST=$(login chuyenvien.snmt chuyenvien-demo-2026)
ADMIN=$(login admin admin-demo-2026)
CSRF=$(curl -sf -D - -o /dev/null "$BASE/lookup" | sed -n 's/^set-cookie: motcua_csrf=\([0-9a-f]*\).*/\1/Ip' | head -1)

# 2,000 real (code, last 4 digits of the phone) pairs, spread over the table.
LOOKUPS=$(mktemp)
python3 - "$DB" > "$LOOKUPS" <<'PY'
import json, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
n = db.execute("SELECT max(id) FROM dossiers").fetchone()[0]
step = max(1, n // 2000)
for code, applicant in db.execute(
        "SELECT code, applicant FROM dossiers WHERE code IS NOT NULL AND id % ? = 0 LIMIT 2000", (step,)):
    phone = json.loads(applicant).get("phone")
    if phone:
        print(code, phone[-4:])
PY
echo "machine: $(nproc) cores, $(free -g | awk '/Mem/ {print $2}') GiB; dossiers: $(python3 -c "import sqlite3,sys; print(sqlite3.connect('$DB').execute('select count(*) from dossiers').fetchone()[0])")"

run() {
  local name=$1; shift
  echo "== $name"
  "$@" | grep -E 'Requests/sec|non-200|p50'
}
run "floor: GET /healthz" env WRK_PATH=/healthz wrk -t2 -c8 -d"$DURATION" -s scripts/wrk/get.lua "$BASE"
run "inbox page: GET /office/inbox (specialist, HTML)" \
  env SESSION="$SPECIALIST" WRK_PATH=/office/inbox wrk -t2 -c8 -d"$DURATION" -s scripts/wrk/get.lua "$BASE"
run "same inbox as JSON: GET /api/v1/inbox" \
  env SESSION="$SPECIALIST" WRK_PATH=/api/v1/inbox wrk -t2 -c8 -d"$DURATION" -s scripts/wrk/get.lua "$BASE"
run "public status page: POST /lookup (2,000 different dossiers)" \
  env CSRF="$CSRF" LOOKUPS="$LOOKUPS" wrk -t2 -c8 -d"$DURATION" -s scripts/wrk/lookup.lua "$BASE"
run "receipt PDF: GET /office/dossiers/{code}/slips/receipt.pdf (2,000 different dossiers, 1 connection)" \
  env SESSION="$ADMIN" LOOKUPS="$LOOKUPS" WRK_PATH="/office/dossiers/{code}/slips/receipt.pdf" \
  wrk -t1 -c1 -d"$DURATION" -s scripts/wrk/get.lua "$BASE"
run "same receipts, 2 connections (both cores)" \
  env SESSION="$ADMIN" LOOKUPS="$LOOKUPS" WRK_PATH="/office/dossiers/{code}/slips/receipt.pdf" \
  wrk -t2 -c2 -d"$DURATION" -s scripts/wrk/get.lua "$BASE"
rm -f "$LOOKUPS"
