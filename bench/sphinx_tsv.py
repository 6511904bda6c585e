#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
# Peer of bench/peers.sh: Sphinx's indexer runs this as its tsvpipe source. Prints the JSON Lines
# articles as "id<TAB>title<TAB>body<TAB>YYYYMMDD" rows, tabs and newlines in text made spaces.
"""usage: sphinx_tsv.py ARTICLES_JSONL"""
import json
import sys


def clean(text: str) -> str:
    return text.replace("\t", " ").replace("\r", " ").replace("\n", " ").replace("\\", " ")


def main() -> None:
    out = sys.stdout
    with open(sys.argv[1], encoding="utf-8") as f:
        for line in f:
            a = json.loads(line)
            date = a["date"].replace("-", "") or "0"
            out.write(f'{a["id"]}\t{clean(a["title"])}\t{clean(a["body"])}\t{date}\n')


if __name__ == "__main__":
    main()
