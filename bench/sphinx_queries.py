#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
# Peer of bench/peers.sh: the query set against a running Sphinx searchd over SphinxQL (its
# MySQL protocol, python3-pymysql), batched in one connection, with the output format of
# morgue_query_bench: "sample CLASS MICROSECONDS" per timed query, then "query N CLASS HITS -1"
# per query from the warm-up pass.
"""usage: sphinx_queries.py PORT QUERIES_TSV REPEAT"""
import sys
import time

import pymysql


def read_queries(path):
    queries = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            cls, words, since, until = (line.rstrip("\n").split("\t") + ["", "", ""])[:4]
            queries.append((cls, words.split(), since, until))
    return queries


def sphinx_syntax(cls, words):
    if cls.startswith("or_"):
        return " | ".join(words)
    if cls == "phrase":
        return '"' + " ".join(words) + '"'
    return " ".join(words)  # Sphinx ANDs words


def main() -> None:
    port, path, repeat = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    queries = read_queries(path)
    db = pymysql.connect(host="127.0.0.1", port=port, user="", password="", autocommit=True)
    cur = db.cursor()

    def run(q):
        cls, words, since, until = q
        sql = "SELECT id, WEIGHT() FROM reuters WHERE MATCH(%s)"
        args = [sphinx_syntax(cls, words)]
        if since:
            sql += " AND date BETWEEN %s AND %s"
            args += [int(since.replace("-", "")), int(until.replace("-", ""))]
        cur.execute(sql + " LIMIT 10", args)
        return len(cur.fetchall())

    first = [run(q) for q in queries]
    out = []
    for _ in range(repeat):
        for q in queries:
            start = time.perf_counter()
            run(q)
            out.append(f"sample\t{q[0]}\t{(time.perf_counter() - start) * 1e6:.3f}")
    print("\n".join(out))
    for i, (q, hits) in enumerate(zip(queries, first), 1):
        print(f"query\t{i}\t{q[0]}\t{hits}\t-1")
    db.close()


if __name__ == "__main__":
    main()
