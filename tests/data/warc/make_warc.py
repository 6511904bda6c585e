#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
# Writes sample.warc (WARC 1.1) and sample.warc.gz (one gzip member per record) for the tests.
import gzip
import struct
import uuid
import zlib
from pathlib import Path

HERE = Path(__file__).resolve().parent


def record(warc_type, target_uri, date, block, content_type, extra=()):
    fields = [
        ("WARC-Type", warc_type),
        ("WARC-Record-ID", f"<urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, warc_type + target_uri)}>"),
        ("WARC-Date", date),
    ]
    if target_uri:
        fields.append(("WARC-Target-URI", target_uri))
    fields.extend(extra)
    fields.append(("Content-Type", content_type))
    fields.append(("Content-Length", str(len(block))))
    head = "WARC/1.1\r\n" + "".join(f"{k}: {v}\r\n" for k, v in fields) + "\r\n"
    return head.encode("ascii") + block + b"\r\n\r\n"


def http_response(status, headers, body):
    head = f"HTTP/1.1 {status}\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers) + "\r\n"
    return head.encode("ascii") + body


def chunked(body, size):
    out = b""
    for i in range(0, len(body), size):
        piece = body[i:i + size]
        out += f"{len(piece):x}\r\n".encode() + piece + b"\r\n"
    return out + b"0\r\n\r\n"


HARBOUR = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Harbour reopens after storm repairs | Example News</title>
<meta property="article:published_time" content="2024-02-28T09:00:00Z">
<link rel="canonical" href="https://news.example.com/harbour-reopens">
</head><body><nav><a href="/">Home</a></nav>
<article><h1>Harbour reopens after storm repairs</h1>
<p>The town harbour reopened to fishing boats on Wednesday after three months of repairs to the
sea wall damaged in the December storm.</p>
<p>Harbour master Ellen Price said the new wall was built to withstand waves a metre higher than
the old one, and thanked crews who worked through the winter.</p>
</article><footer>Copyright Example News</footer></body></html>
""".encode("utf-8")

# Windows-1252 with no <meta> charset: only the HTTP header says so. No date in the page.
COUNCIL = """<html><head><title>Council approves budget</title></head><body>
<article><h1>Council approves budget</h1>
<p>The council approved a budget of \u00a312 million for road repairs and new street lighting
after a long debate in the town hall.</p>
<p>Councillors said the money would be spent over the next two years, starting with the roads
most damaged by winter flooding.</p>
</article></body></html>
""".encode("windows-1252")

LIBRARY = """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml"><head><title>Library extends opening hours</title>
<meta name="date" content="2024-03-03"/></head><body>
<main><h1>Library extends opening hours</h1>
<p>The central library will stay open until nine in the evening from April, after a survey
found that most readers wanted to visit after work.</p>
<p>The change is funded by a grant from the regional arts council for the next three years.</p>
</main></body></html>
""".encode("utf-8")



def png_1x1():
    """A valid 1x1 transparent PNG."""
    def chunk(kind, data):
        return (struct.pack(">I", len(data)) + kind + data +
                struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    header = struct.pack(">IIBBBBB", 1, 1, 8, 6, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) +
            chunk(b"IDAT", zlib.compress(b"\x00\x00\x00\x00\x00")) + chunk(b"IEND", b""))


PNG = png_1x1()


def main():
    records = []
    info = b"software: make_warc.py (Morgue tests)\r\nformat: WARC File Format 1.1\r\n"
    records.append(record("warcinfo", "", "2024-03-01T11:59:00Z", info, "application/warc-fields",
                          [("WARC-Filename", "sample.warc")]))
    request = (b"GET /2024/03/01/harbour.html HTTP/1.1\r\nHost: news.example.com\r\n"
               b"User-Agent: morgue-test\r\n\r\n")
    records.append(record("request", "http://news.example.com/2024/03/01/harbour.html",
                          "2024-03-01T12:00:00Z", request, "application/http; msgtype=request"))
    records.append(record(
        "response", "http://news.example.com/2024/03/01/harbour.html", "2024-03-01T12:00:01Z",
        http_response("200 OK", [("Content-Type", "text/html; charset=utf-8"),
                                 ("Content-Length", str(len(HARBOUR)))], HARBOUR),
        "application/http; msgtype=response"))
    records.append(record(
        "metadata", "http://news.example.com/2024/03/01/harbour.html", "2024-03-01T12:00:01Z",
        b"via: http://news.example.com/\r\n", "application/warc-fields"))
    records.append(record(
        "response", "http://news.example.com/img/logo.png", "2024-03-01T12:00:02Z",
        http_response("200 OK", [("Content-Type", "image/png"),
                                 ("Content-Length", str(len(PNG)))], PNG),
        "application/http; msgtype=response"))
    records.append(record(
        "response", "http://news.example.com/2024/03/02/council.html", "2024-03-02T08:30:00Z",
        http_response("200 OK", [("Content-Type", "text/html; charset=windows-1252"),
                                 ("Content-Encoding", "gzip"),
                                 ("Transfer-Encoding", "chunked")],
                      chunked(gzip.compress(COUNCIL, mtime=0), 100)),
        "application/http; msgtype=response"))
    records.append(record(
        "response", "http://news.example.com/missing.html", "2024-03-02T08:31:00Z",
        http_response("404 Not Found", [("Content-Type", "text/html")],
                      b"<html><body><p>Not found</p></body></html>"),
        "application/http; msgtype=response"))
    records.append(record(
        "response", "<http://news.example.com/2024/03/03/library.xhtml>", "2024-03-03T10:00:00Z",
        http_response("200 OK", [("Content-Type", "application/xhtml+xml"),
                                 ("Content-Encoding", "deflate")], zlib.compress(LIBRARY, 9)),
        "application/http; msgtype=response"))
    records.append(record(
        "revisit", "http://news.example.com/2024/03/01/harbour.html", "2024-03-04T12:00:00Z",
        http_response("304 Not Modified", [("ETag", '"harbour-1"')], b""),
        "application/http; msgtype=response",
        [("WARC-Profile", "http://netpreserve.org/warc/1.1/revisit/server-not-modified")]))

    (HERE / "sample.warc").write_bytes(b"".join(records))
    # Crawlers gzip each record as its own member, so a reader can seek to any record.
    (HERE / "sample.warc.gz").write_bytes(
        b"".join(gzip.compress(r, compresslevel=9, mtime=0) for r in records))


if __name__ == "__main__":
    main()
