// SPDX-License-Identifier: GPL-2.0-or-later
// The formats Morgue reads, how a file's format is chosen, and the dispatch to its reader.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "morgue/article.h"

namespace morgue::indexer {

/// Every format with a reader. Containers and compression (tar, zip, gz, ...) are unwrapped
/// before a format is chosen, so they are not formats.
enum class Format {
  kText,         ///< .txt: title line, header block, body (text_reader.cpp)
  kHtml,         ///< .html/.htm: one article per page (html_reader.cpp)
  kReutersSgml,  ///< .sgm: Reuters-21578 records (sgml_reader.cpp)
  kJsonLines,    ///< .jsonl/.ndjson: one JSON object per line (json_reader.cpp)
  kJson,         ///< .json: an array of objects, or one object (json_reader.cpp)
  kCsv,          ///< .csv: header row, one article per row (csv_reader.cpp)
  kNewsXml,      ///< NITF 3.x and NewsML-G2 (news_xml_reader.cpp)
  kFeed,         ///< RSS 2.0 and Atom (feed_reader.cpp)
  kWarc,         ///< .warc: HTTP responses with HTML payloads (warc_reader.cpp)
};

/// Short name for reports ("html", "reuters-sgml").
[[nodiscard]] std::string_view format_name(Format format) noexcept;

/// The format a file name's extension implies (case-insensitive), or nullopt. ".xml" is not
/// decided by name: it is sniffed.
[[nodiscard]] std::optional<Format> format_from_name(std::string_view file_name);

/// The format the first bytes of a file suggest (for .xml and unknown extensions), or nullopt.
[[nodiscard]] std::optional<Format> sniff_format(std::string_view head);

/// One file's contents (or one member of a container) with where it came from.
struct Source {
  /// Shown in reports and stored as Article::path: a file path, or for a container member
  /// "2019.tar.gz!/05/08/article.html".
  std::string path;
  /// Id of a single-article source: its path relative to the indexed root (plus "!/member").
  std::string id;
  /// Raw bytes, any encoding; readers convert to UTF-8.
  std::string_view bytes;
};

/// How to map source fields to article fields for JSON and CSV (`--field NAME=PATH`): article
/// field name ("title", "body", "date", "id", "author", "source", "url", "lang") to a source
/// field name or a dotted JSON path ("meta.headline").
using FieldMap = std::map<std::string, std::string, std::less<>>;

/// What a reader may use besides the bytes.
struct ReadContext {
  FieldMap field_overrides;
  /// Where the source starts in its file when a large file is read in pieces cut between
  /// records (indexer.cpp): lines and records before it, and its byte offset. Readers add them
  /// to the positions they report, so a warning names the same line or record either way.
  std::size_t lines_before = 0;
  std::size_t records_before = 0;
  std::uint64_t bytes_before = 0;
  /// A later piece of a CSV or XML file: the file's beginning, which the piece lacks and is
  /// read after: up to and including its header row (csv_cut() in format_readers.h), or up to
  /// its first record (xml_cut()).
  std::string_view head;
  /// A piece of an XML file but its last: the end tags of the elements around its records.
  std::string_view xml_close;
  /// A piece of a JSON file that is one array, cut after the comma that follows an element
  /// (json_array_cut() in format_readers.h): only the first piece opens the array and only the
  /// last closes it.
  bool json_array_piece = false;
  /// With json_array_piece, when the file's records are the array of a wrapper object: the
  /// member's name as written (json_array_cut()). The first piece holds the wrapper's head and
  /// is closed after the array; the last holds what follows the array (the wrapper's tail).
  std::optional<std::string> json_wrapper_key;
  /// A problem that does not stop the file (a bad record in a good file, a repaired byte):
  /// the message names the position ("record 17: no text").
  std::function<void(std::string message)> warn;
};

/// Receives each article a reader finds. A reader sets `id` when the format carries one
/// (Reuters NEWID, a JSON "id", a WARC target URI); otherwise the caller assigns
/// Source::id for the first article and Source::id + "#N" (N from 2) for the next ones.
using ArticleSink = std::function<void(Article&&)>;

/// Reads every article of `source` in `format`. Throws Error{kInvalidArgument} with a reason
/// when the source holds no readable article at all; a bad record among good ones is a warning.
void read_source(Format format, const Source& source, const ReadContext& context,
                 const ArticleSink& sink);

}  // namespace morgue::indexer
