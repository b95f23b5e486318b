#!/usr/bin/env python3
"""Grows a SQLite database's history to 10,000,000 actions by copying its
dossiers and their events under new ids (codes suffixed .k): the input of
the `motcua stats rebuild` benchmark (BENCHMARKS.md, "Statistics").

    motcua demo --db sqlite://$PWD/target/rebuild.db --dossiers 100000
    scripts/replicate-history.py target/rebuild.db [ACTIONS]
    motcua stats rebuild --db sqlite://$PWD/target/rebuild.db

The counters are left as they were: the rebuild replaces them.
"""
import sqlite3
import sys
import time

path = sys.argv[1]
target = int(sys.argv[2]) if len(sys.argv) > 2 else 10_000_000
db = sqlite3.connect(path)


def columns(table):
    return [r[1] for r in db.execute(f"PRAGMA table_info({table})")]


def events():
    return db.execute("SELECT count(*) FROM dossier_events").fetchone()[0]


dossier_cols, event_cols = columns("dossiers"), columns("dossier_events")
original = db.execute("SELECT max(id) FROM dossiers").fetchone()[0]
started = time.time()
k = 1
while events() < target:
    offset = k * 1_000_000
    if offset <= original:
        sys.exit(f"{path}: ids above {offset} exist; start from a database of fewer than 1,000,000 dossiers")
    shifted = {"id": f"id + {offset}", "code": f"CASE WHEN code IS NULL THEN NULL ELSE code || '.{k}' END"}
    select = ", ".join(shifted.get(c, c) for c in dossier_cols)
    db.execute(f"INSERT INTO dossiers ({', '.join(dossier_cols)}) SELECT {select} FROM dossiers WHERE id <= {original}")
    select = ", ".join(f"dossier_id + {offset}" if c == "dossier_id" else c for c in event_cols)
    db.execute(
        f"INSERT INTO dossier_events ({', '.join(event_cols)}) SELECT {select} FROM dossier_events "
        f"WHERE dossier_id <= {original}"
    )
    db.commit()
    k += 1
    print(f"copy {k - 1}: {events()} actions ({time.time() - started:.0f} s)", flush=True)
