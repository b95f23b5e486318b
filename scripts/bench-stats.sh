#!/usr/bin/env bash
# Statistics benchmarks (issue #5): the province dashboard and the 766
# ranking from the roll-ups, against the obvious GROUP BY over the dossier
# table in the same run, and `motcua stats rebuild`.
#
#   scripts/bench-stats.sh [DB_FILE]     (default: target/bench-stats.db)
#   scripts/bench-stats.sh postgres://USER@HOST/DB   the same on PostgreSQL
#   REBUILD_DB=FILE REBUILD_COUNT=10000000 scripts/bench-stats.sh   also times a rebuild
#
# Builds the database first if it is missing (for PostgreSQL: if it has no
# dossiers; the database itself must exist): the demo, 3,321 communes under
# its province, and 1,000,000 dossiers over the past year (COUNT changes it). Prints wrk's
# percentiles (1 connection, so latency = server time plus loopback) and the
# baseline's median over 5 runs.
set -euo pipefail
cd "$(dirname "$0")/.."
DB="${1:-$PWD/target/bench-stats.db}"
PORT="${PORT:-8098}"
DURATION="${DURATION:-20s}"
BASE="http://127.0.0.1:$PORT"
command -v wrk >/dev/null || { echo "wrk is required: apt-get install wrk"; exit 1; }
cargo build --release -q -p motcua
BIN="${CARGO_TARGET_DIR:-target}/release/motcua"
case "$DB" in
  postgres://*|postgresql://*)
    URL="$DB"
    sql() { psql "$URL" -Atqc "$1" 2>/dev/null; }
    [ "$(sql 'select count(*) from dossiers' || echo 0)" -gt 0 ] || FRESH=1 ;;
  *)
    URL="sqlite://$DB"
    sql() { python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()[0])' "$DB" "$1"; }
    [ -f "$DB" ] || FRESH=1 ;;
esac
if [ -n "${FRESH:-}" ]; then
  "$BIN" demo --db "$URL" --dossiers 0
  "$BIN" generate-dossiers --db "$URL" --count "${COUNT:-1000000}" --communes 3321
  case "$URL" in postgres*) psql "$URL" -qc 'VACUUM ANALYZE' ;; esac
fi
YEAR=$(date +%Y)
"$BIN" serve --db "$URL" --bind "127.0.0.1:$PORT" --no-demo > /tmp/motcua-bench-stats.log 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do curl -sf "$BASE/healthz" >/dev/null && break; sleep 0.5; done
ADMIN=$(curl -sf -X POST "$BASE/api/v1/auth/login" -H 'content-type: application/json' \
  -d '{"username":"admin","password":"admin-demo-2026"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')

echo "dossiers: $(sql 'select count(*) from dossiers'), communes: $(sql "select count(*) from units where level = 'commune'"), \
counters: $(sql 'select count(*) from stat_counts'), roll-up rows: $(sql 'select count(*) from stat_rollups')"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem/ {print $2}') GiB"

run() {
  local name=$1; shift
  echo "== $name"
  "$@" | grep -E 'Requests/sec|non-200|p50|p90|p99'
}
run "province dashboard, year: GET /api/v1/stats/dashboard?period=$YEAR (3,321 communes below)" \
  env SESSION="$ADMIN" WRK_PATH="/api/v1/stats/dashboard?period=$YEAR" wrk -t1 -c1 -d"$DURATION" -s scripts/wrk/get.lua "$BASE"
run "the same dashboard as a page: GET /office/stats?period=$YEAR" \
  env SESSION="$ADMIN" WRK_PATH="/office/stats?period=$YEAR" wrk -t1 -c1 -d"$DURATION" -s scripts/wrk/get.lua "$BASE"
run "766 scores and ranking of every commune, year: GET /api/v1/public/ranking?period=$YEAR" \
  env WRK_PATH="/api/v1/public/ranking?period=$YEAR" wrk -t1 -c1 -d"$DURATION" -s scripts/wrk/get.lua "$BASE"
run "floor: GET /healthz" env WRK_PATH=/healthz wrk -t1 -c1 -d"$DURATION" -s scripts/wrk/get.lua "$BASE"

# The baseline a user would write: the same columns per commune for the
# year, by GROUP BY over the dossier table (using its province index).
echo "== baseline: GROUP BY over the dossier table, every receiving unit of the province, year $YEAR"
if [[ "$URL" == postgres* ]]; then
  # The same query in PostgreSQL's words (FILTER for SQLite's boolean sums);
  # psql's client-side timing of each of 5 runs.
  S="$YEAR-01-01"; E="$((YEAR + 1))-01-01"
  P=$(sql 'select id from units where parent_id is null order by id limit 1')
  Q="SELECT receiving_unit_id,
    COUNT(*) FILTER (WHERE received_at >= '$S' AND channel = 2), COUNT(*) FILTER (WHERE received_at >= '$S' AND channel <> 2),
    COUNT(*) FILTER (WHERE received_at < '$S' AND (finished_at IS NULL OR finished_at >= '$S')),
    COUNT(*) FILTER (WHERE finished_at >= '$S' AND finished_at < '$E' AND finished_at <= due_at),
    COUNT(*) FILTER (WHERE finished_at >= '$S' AND finished_at < '$E' AND finished_at > due_at),
    COUNT(*) FILTER (WHERE (finished_at IS NULL OR finished_at >= '$E') AND due_at >= '$E'),
    COUNT(*) FILTER (WHERE (finished_at IS NULL OR finished_at >= '$E') AND due_at < '$E')
  FROM dossiers WHERE province_id = $P AND received_at IS NOT NULL AND received_at < '$E'
  GROUP BY receiving_unit_id"
  for _ in 1 2 3 4 5; do printf '\\timing on\n%s;\n' "$Q"; done | psql "$URL" -q -o /dev/null 2>&1 |
    awk '/^Time:/ {print $2}' | sort -n |
    awk '{t[NR] = $1} END {printf "median %.1f ms, min %.1f ms over %d runs\n", t[int((NR + 1) / 2)], t[1], NR}'
else
python3 - "$DB" "$YEAR" <<'PY'
import sqlite3, statistics, sys, time
db = sqlite3.connect(sys.argv[1])
y = int(sys.argv[2])
start, end = f"{y}-01-01", f"{y + 1}-01-01"
province = db.execute("select id from units where parent_id is null order by id limit 1").fetchone()[0]
sql = """
SELECT receiving_unit_id,
  SUM(received_at >= :s AND channel = 2), SUM(received_at >= :s AND channel <> 2),
  SUM(received_at < :s AND (finished_at IS NULL OR finished_at >= :s)),
  SUM(finished_at >= :s AND finished_at < :e AND finished_at <= due_at),
  SUM(finished_at >= :s AND finished_at < :e AND finished_at > due_at),
  SUM((finished_at IS NULL OR finished_at >= :e) AND due_at >= :e),
  SUM((finished_at IS NULL OR finished_at >= :e) AND due_at < :e)
FROM dossiers WHERE province_id = :p AND received_at IS NOT NULL AND received_at < :e
GROUP BY receiving_unit_id"""
times = []
for _ in range(5):
    t = time.perf_counter()
    rows = db.execute(sql, {"s": start, "e": end, "p": province}).fetchall()
    times.append((time.perf_counter() - t) * 1000)
print(f"{len(rows)} units; median {statistics.median(times):.1f} ms, min {min(times):.1f} ms over 5 runs")
PY
fi

if [ -n "${REBUILD_DB:-}" ]; then
  if [ ! -f "$REBUILD_DB" ]; then
    "$BIN" demo --db "sqlite://$REBUILD_DB" --dossiers 0
    "$BIN" generate-dossiers --db "sqlite://$REBUILD_DB" --count "${REBUILD_COUNT:-10000000}" --communes 3321
  fi
  echo "== motcua stats rebuild over $(sqlite3 "$REBUILD_DB" 'select count(*) from dossier_events') history rows"
  /usr/bin/time -f "%e s wall, %M KiB max resident" "$BIN" stats rebuild --db "sqlite://$REBUILD_DB"
fi
