#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
# Peer of bench/peers.sh: a plain single-threaded python3-xapian indexing loop over the JSON
# Lines articles (English stemmer, positions, one replace_document per article).
"""usage: index_xapian_loop.py ARTICLES_JSONL DB_DIR

Title and body through one TermGenerator with positions; the article as JSON document data;
date "YYYYMMDD" in value slot 0; unique term "Q<id>"; one commit at the end (Xapian's default
flush threshold applies in between).
"""
import json
import sys

import xapian


def main() -> None:
    source, target = sys.argv[1], sys.argv[2]
    db = xapian.WritableDatabase(target, xapian.DB_CREATE_OR_OVERWRITE)
    generator = xapian.TermGenerator()
    generator.set_stemmer(xapian.Stem("english"))
    count = 0
    with open(source, encoding="utf-8") as f:
        for line in f:
            a = json.loads(line)
            doc = xapian.Document()
            generator.set_document(doc)
            generator.index_text(a["title"])
            generator.increase_termpos()
            generator.index_text(a["body"])
            doc.set_data(line)
            if a["date"]:
                doc.add_value(0, a["date"].replace("-", ""))
            idterm = f"Q{a['id']}"
            doc.add_boolean_term(idterm)
            db.replace_document(idterm, doc)
            count += 1
    db.commit()
    db.close()
    print(f"xapian loop: {count} articles")


if __name__ == "__main__":
    main()
