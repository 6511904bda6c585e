#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
# Prepares Reuters-21578 for bench/peers.sh: the SGML files Morgue indexes (optionally a 10x
# synthetic replica) and the same articles as JSON Lines and one plain-text file per article.
"""usage: prepare_corpus.py CORPUS_DIR OUT_DIR [SCALE]

Writes OUT_DIR/sgm/*.sgm (copies of the originals at scale 1; at scale k, k rewritten copies),
OUT_DIR/articles.jsonl (one {"id", "title", "date", "body"} object per record) and
OUT_DIR/text/<sgm file>/<id>.txt (title line, then the body; mtime set to the article's date,
noon UTC, so omindex's date terms match it).

At scale k > 1 copy c (0 <= c < k) renumbers NEWID to c * 100000 + NEWID, moves every date c
years later, and puts the marker word "synthcopy<c>" in each article's body so that copies are
not exact duplicates of each other. The result is synthetic: it has the size of a larger
archive, not the vocabulary growth of one.
"""
import json
import os
import re
import shutil
import sys
from datetime import datetime, timezone
from pathlib import Path

MONTHS = {m: i + 1 for i, m in enumerate(
    ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"])}
RECORD = re.compile(r"<REUTERS([^>]*)>(.*?)</REUTERS>", re.S)
DATE = re.compile(r"<DATE>\s*(\d{1,2})-([A-Za-z]{3})-(\d{4})")


def element(record: str, tag: str) -> str | None:
    m = re.search(rf"<{tag}(?:\s[^>]*)?>(.*?)</{tag}>", record, re.S)
    return m.group(1) if m else None


def decode(text: str) -> str:
    """SGML references as Morgue's reader decodes them: &#2; and &#3; vanish, other controls
    separate words."""
    def numeric(m: re.Match) -> str:
        code = int(m.group(1))
        if code in (2, 3):
            return ""
        if code == 10:
            return "\n"
        return chr(code) if 32 <= code < 127 else " "
    text = re.sub(r"&#(\d+);", numeric, text)
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def collapse(text: str) -> str:
    return " ".join(text.split())


def body_text(raw: str) -> str:
    """Trimmed lines, indented lines starting paragraphs, without the "Reuter" sign-off."""
    paragraphs, current = [], []
    for line in raw.split("\n"):
        if not line.strip():
            continue
        if line[0] in " \t" and current:
            paragraphs.append(" ".join(current))
            current = []
        current.append(line.strip())
    if current:
        paragraphs.append(" ".join(current))
    if paragraphs:
        paragraphs[-1] = re.sub(r"\s*(Reuter|REUTER)$", "", paragraphs[-1])
        if not paragraphs[-1].strip():
            paragraphs.pop()
    return "\n".join(paragraphs)


def article(attributes: str, record: str) -> dict:
    newid = re.search(r'NEWID="(\d+)"', attributes).group(1)
    date = ""
    if m := DATE.search(record):
        day, month, year = int(m.group(1)), MONTHS.get(m.group(2).upper()), int(m.group(3))
        if month:
            date = f"{year:04d}-{month:02d}-{day:02d}"
    text = element(record, "TEXT") or ""
    title = collapse(decode(element(text, "TITLE") or ""))
    body = element(text, "BODY")
    body = body_text(decode(body)) if body is not None else ""
    if not title and not body:  # TYPE="UNPROC": the first line reads as a headline
        raw = decode(text).strip()
        first, _, rest = raw.partition("\n")
        title, body = collapse(first), body_text(rest)
    place = collapse(decode(element(text, "DATELINE") or "")).rstrip(" -")
    if place:
        body = f"{place}\n{body}" if body else place
    return {"id": int(newid), "title": title, "date": date, "body": body}


def synthetic_copy(data: str, copy: int) -> str:
    """Copy `copy` of one SGML file: ids renumbered, dates moved, a marker word per body."""
    marker = f"synthcopy{copy}"

    def record(m: re.Match) -> str:
        attributes, inner = m.group(1), m.group(2)
        attributes = re.sub(r'NEWID="(\d+)"',
                            lambda n: f'NEWID="{copy * 100000 + int(n.group(1))}"', attributes)
        inner = re.sub(r"(<DATE>\s*\d{1,2}-[A-Za-z]{3}-)(\d{4})",
                       lambda d: f"{d.group(1)}{int(d.group(2)) + copy}", inner, count=1)
        if "<BODY>" in inner:
            inner = inner.replace("<BODY>", f"<BODY>{marker} ", 1)
        elif "<TITLE>" in inner:  # TYPE="BRIEF": a headline only
            inner = inner.replace("</TEXT>", f"<BODY>{marker}\n</BODY></TEXT>", 1)
        else:  # TYPE="UNPROC": the marker goes after the headline line
            inner = re.sub(r"(<TEXT[^>]*>(?:&#2;)?\s*[^\n]*\n)", rf"\g<1>{marker}\n", inner, count=1)
        return f"<REUTERS{attributes}>{inner}</REUTERS>"

    return RECORD.sub(record, data)


def main() -> None:
    corpus, out = Path(sys.argv[1]), Path(sys.argv[2])
    scale = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    sources = sorted(corpus.glob("*.sgm"))
    if not sources:
        sys.exit(f"no .sgm files in {corpus}")
    (out / "sgm").mkdir(parents=True, exist_ok=True)
    sgm_files = []
    for source in sources:
        if scale == 1:
            target = out / "sgm" / source.name
            shutil.copyfile(source, target)
            sgm_files.append(target)
            continue
        # Latin-1 keeps the one raw 0xFC byte as it is, byte for byte.
        data = source.read_bytes().decode("latin-1")
        for copy in range(scale):
            target = out / "sgm" / f"{source.stem}-copy{copy}.sgm"
            target.write_bytes(synthetic_copy(data, copy).encode("latin-1"))
            sgm_files.append(target)

    count = 0
    with open(out / "articles.jsonl", "w", encoding="utf-8") as jsonl:
        for sgm in sgm_files:
            text_dir = out / "text" / sgm.stem
            text_dir.mkdir(parents=True, exist_ok=True)
            # Morgue's reader repairs the byte as Windows-1252; for 0xFC both give "ü".
            data = sgm.read_bytes().decode("latin-1")
            for m in RECORD.finditer(data):
                a = article(m.group(1), m.group(2))
                jsonl.write(json.dumps(a, ensure_ascii=False) + "\n")
                path = text_dir / f"{a['id']}.txt"
                path.write_text(f"{a['title']}\n{a['body']}\n", encoding="utf-8")
                if a["date"]:
                    try:
                        when = datetime.strptime(a["date"], "%Y-%m-%d")
                        stamp = when.replace(hour=12, tzinfo=timezone.utc).timestamp()
                        os.utime(path, (stamp, stamp))
                    except ValueError:
                        pass
                count += 1
    print(f"{count} articles from {len(sgm_files)} SGML files (scale {scale}) in {out}")


if __name__ == "__main__":
    main()
