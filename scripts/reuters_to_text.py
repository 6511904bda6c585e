#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
# Turns Reuters-21578 SGML records into Morgue plain-text articles (title, header block, body).
# Used once to make samples/archive/reuters/ (plain text keeps the demo readable; the indexer
# also reads .sgm natively).
"""usage: reuters_to_text.py SGM_FILE OUT_DIR [COUNT]"""
import html
import re
import sys
from datetime import datetime
from pathlib import Path


def field(record: str, tag: str) -> str:
    m = re.search(rf"<{tag}>(.*?)</{tag}>", record, re.S)
    return m.group(1) if m else ""


def clean(text: str) -> str:
    text = re.sub(r"&#(\d+);", lambda m: "" if int(m.group(1)) < 32 else chr(int(m.group(1))), text)
    return html.unescape(text)


def paragraphs(body: str) -> list[str]:
    body = re.sub(r"\s*Reuter\s*$", "", clean(body).strip())
    paras, current = [], []
    for line in body.split("\n"):
        if line.startswith("    ") and current:
            paras.append(" ".join(current))
            current = []
        if line.strip():
            current.append(line.strip())
    if current:
        paras.append(" ".join(current))
    return paras


def main() -> None:
    sgm, out = Path(sys.argv[1]), Path(sys.argv[2])
    count = int(sys.argv[3]) if len(sys.argv) > 3 else 100
    out.mkdir(parents=True, exist_ok=True)
    data = sgm.read_bytes().decode("latin-1")
    written = 0
    for record in re.findall(r"<REUTERS(.*?)</REUTERS>", data, re.S):
        title, body = clean(field(record, "TITLE")).strip(), field(record, "BODY")
        if not title or not body:
            continue
        newid = re.search(r'NEWID="(\d+)"', record).group(1)
        when = datetime.strptime(field(record, "DATE").strip()[:11], "%d-%b-%Y")
        text = f"{title}\nDate: {when:%Y-%m-%d}\nSource: Reuters\n\n" + "\n\n".join(paragraphs(body))
        (out / f"reuters-{int(newid):05d}.txt").write_text(text + "\n", encoding="utf-8")
        written += 1
        if written == count:
            break
    print(f"wrote {written} articles to {out}")


if __name__ == "__main__":
    main()
