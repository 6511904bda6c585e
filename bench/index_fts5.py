#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
# Peer of bench/peers.sh: loads the JSON Lines articles into an SQLite FTS5 table (porter
# tokenizer) in one transaction.
"""usage: index_fts5.py ARTICLES_JSONL DB_FILE

Table t(title, body, date UNINDEXED), rowid = the article id; dates are "YYYY-MM-DD" text so
a `date BETWEEN` filter compares them as strings.
"""
import json
import sqlite3
import sys


def main() -> None:
    source, target = sys.argv[1], sys.argv[2]
    db = sqlite3.connect(target, isolation_level=None)
    db.execute("CREATE VIRTUAL TABLE t USING fts5(title, body, date UNINDEXED, "
               "tokenize='porter unicode61')")
    db.execute("BEGIN")
    count = 0
    with open(source, encoding="utf-8") as f:
        for line in f:
            a = json.loads(line)
            db.execute("INSERT INTO t(rowid, title, body, date) VALUES (?, ?, ?, ?)",
                       (a["id"], a["title"], a["body"], a["date"]))
            count += 1
    db.execute("COMMIT")
    db.close()
    print(f"fts5: {count} articles")


if __name__ == "__main__":
    main()
