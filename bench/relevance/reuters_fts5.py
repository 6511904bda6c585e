#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Builds the SQLite FTS5 peer and the TOPICS judgements of the relevance benchmark from
Reuters-21578, reading the same title and body text as Morgue's SGML reader.

Usage: reuters_fts5.py OUT.sqlite CORPUS_DIR

OUT.sqlite gets two tables:
  docs(title, body)  FTS5, tokenize='porter unicode61', rowid = NEWID
  topics(newid, topic)  one row per TOPICS tag of an article (the judgements)

The text follows indexer/src/sgml_reader.cpp closely enough for bag-of-words ranking: TITLE
is the title; the body is the DATELINE place followed by BODY without the "Reuter" sign-off;
a TYPE="UNPROC" record without TITLE or BODY reads its first line as the title and the rest
as the body. Whitespace and paragraphing do not matter to the tokenizer and are not copied.
"""

import glob
import os
import re
import sqlite3
import sys

RECORD = re.compile(r"<REUTERS([^>]*)>(.*?)</REUTERS>", re.S)
NEWID = re.compile(r' NEWID="(\d+)"')
TOPICS = re.compile(r"<TOPICS>(.*?)</TOPICS>", re.S)
D = re.compile(r"<D>(.*?)</D>", re.S)
ENTITY = re.compile(r"&(#?\w{1,7});")
SIGNOFF = re.compile(r"\s*(Reuter|REUTER)\s*$")


def element(text, tag):
    """Content of the first <tag> or <tag ...> element, or None."""
    m = re.search(r"<%s(?:\s[^>]*)?>(.*?)</%s>" % (tag, tag), text, re.S)
    return m.group(1) if m else None


def decode(s):
    """SGML character references as sgml_reader.cpp decodes them."""

    def one(m):
        name = m.group(1)
        if name == "lt":
            return "<"
        if name == "gt":
            return ">"
        if name == "amp":
            return "&"
        if name.startswith("#") and name[1:].isdigit():
            code = int(name[1:])
            if 32 <= code < 127:
                return chr(code)
            if code == 10:
                return "\n"
            return "" if code in (2, 3) else " "
        return m.group(0)

    return ENTITY.sub(one, s)


def article(record):
    """(title, body) of one record's <TEXT>."""
    text = element(record, "TEXT") or ""
    title = decode(element(text, "TITLE") or "").strip()
    dateline = decode(element(text, "DATELINE") or "").strip().rstrip("- ")
    body = element(text, "BODY")
    if body is not None:
        body = SIGNOFF.sub("", decode(body))
    elif not title:
        lines = decode(text).strip().split("\n", 1)
        title = lines[0].strip()
        body = lines[1] if len(lines) > 1 else ""
    else:
        body = ""
    if dateline:
        body = dateline + "\n" + body
    return " ".join(title.split()), body


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: reuters_fts5.py OUT.sqlite CORPUS_DIR")
    out, corpus = sys.argv[1], sys.argv[2]
    files = sorted(glob.glob(os.path.join(corpus, "reut2-*.sgm")))
    if not files:
        sys.exit("no reut2-*.sgm in " + corpus)
    if os.path.exists(out):
        os.remove(out)
    db = sqlite3.connect(out)
    db.execute("CREATE VIRTUAL TABLE docs USING fts5(title, body, tokenize='porter unicode61')")
    db.execute("CREATE TABLE topics(newid TEXT NOT NULL, topic TEXT NOT NULL)")
    articles = 0
    for path in files:
        # ASCII but for one raw 0xFC byte, which Morgue reads as Windows-1252 "ü".
        with open(path, encoding="cp1252", errors="replace") as f:
            data = f.read()
        for m in RECORD.finditer(data):
            newid = NEWID.search(m.group(1)).group(1)
            title, body = article(m.group(2))
            db.execute("INSERT INTO docs(rowid, title, body) VALUES (?, ?, ?)",
                       (int(newid), title, body))
            topics = TOPICS.search(m.group(2))
            for topic in D.findall(topics.group(1) if topics else ""):
                db.execute("INSERT INTO topics VALUES (?, ?)", (newid, decode(topic)))
            articles += 1
    db.execute("INSERT INTO docs(docs) VALUES ('optimize')")
    db.commit()
    db.close()
    print("fts5: %d articles from %d files" % (articles, len(files)), file=sys.stderr)


if __name__ == "__main__":
    main()
