// SPDX-License-Identifier: GPL-2.0-or-later
// The reader of each multi-article format; read_source() in formats.cpp dispatches to them.
// Each follows read_source()'s contract (formats.h).
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "formats.h"

namespace morgue::indexer {

void read_reuters_sgml(const Source& source, const ReadContext& context, const ArticleSink& sink);
void read_json_lines(const Source& source, const ReadContext& context, const ArticleSink& sink);
void read_json(const Source& source, const ReadContext& context, const ArticleSink& sink);
void read_csv(const Source& source, const ReadContext& context, const ArticleSink& sink);
void read_news_xml(const Source& source, const ReadContext& context, const ArticleSink& sink);
void read_feed(const Source& source, const ReadContext& context, const ArticleSink& sink);
void read_warc(const Source& source, const ReadContext& context, const ArticleSink& sink);

/// Where a large WARC file read in pieces may be cut (indexer.cpp): `end` is the end of the
/// last whole record in `bytes` (0 if none is whole yet), `records` how many records lie before
/// it. A malformed record, where read_warc() stops reading, sets `malformed` and ends the whole
/// of `bytes`: more bytes would not mend it, the reader reports it, and nothing after it is read.
struct WarcCut {
  std::size_t end = 0;
  std::size_t records = 0;
  bool malformed = false;
};
[[nodiscard]] WarcCut warc_cut(std::string_view bytes);

/// Where a large CSV file read in pieces may be cut (indexer.cpp). `bytes` starts at a row
/// boundary. `header` is the file's beginning up to and including its header row (the first
/// row that is not blank); empty when `bytes` is that beginning, whose header row is then found
/// and counted here. `end` is after the last row of `bytes` that ends in a line break outside
/// quotes (0 if there is none, or no whole header yet); `lines` the line breaks before `end` as
/// read_csv() counts them (a quoted field's breaks included); `header_end` the end of the header
/// row when `header` was empty.
struct CsvCut {
  std::size_t end = 0;
  std::size_t lines = 0;
  std::size_t header_end = 0;
};
[[nodiscard]] CsvCut csv_cut(std::string_view bytes, std::string_view header);

/// Where a large JSON file read in pieces may be cut (indexer.cpp) when its records are one
/// array: the file itself, or the array of a wrapper object such as {"status": "ok",
/// "articles": [...]}. `bytes` is the file's beginning when `first`, else starts just after a
/// cut, inside the array. `end` is just after the comma that follows the last whole element of
/// `bytes` (0 if there is none); `records` the elements before `end`, `lines` the line breaks.
///
/// In a first piece that opens an object, the records are the first array of objects under a
/// name for which `is_field_name` is false (an article's "authors": [{"name": ...}] is no
/// wrapper's records): `wrapper_key` is that name as written between its quotes. `not_array`
/// when the file is neither an array nor such a wrapper, or the wrapper's records do not start
/// in `bytes`: it is read whole.
struct JsonCut {
  std::size_t end = 0;
  std::size_t records = 0;
  std::size_t lines = 0;
  bool not_array = false;
  std::optional<std::string> wrapper_key;
};
[[nodiscard]] JsonCut json_array_cut(
    std::string_view bytes, bool first,
    const std::function<bool(std::string_view)>& is_field_name = nullptr);

/// Where a large XML file read in pieces may be cut (indexer.cpp): after an RSS <item>, Atom
/// <entry> or NewsML-G2 <newsItem> (a record) at the depth of the file's first record. `depth`
/// is that depth (the root element is at 1), or 0 when `bytes` is the file's beginning: the
/// depth is then found here, with `head_end`, where the first record starts (a later piece is
/// read after the file's bytes before it: the XML declaration, the root and channel elements),
/// and `close`, the end tags of the elements around the records (read after every piece but the
/// last). `end` is after the last record whose end tag lies in `bytes` (0 if none), `records`
/// how many records end before it. `never` for UTF-16 and UTF-32, whose bytes are no markup one
/// by one: such a file is read whole.
struct XmlCut {
  std::size_t end = 0;
  std::size_t records = 0;
  std::size_t depth = 0;
  std::size_t head_end = 0;
  std::string close;
  bool never = false;
};
[[nodiscard]] XmlCut xml_cut(std::string_view bytes, std::size_t depth);

}  // namespace morgue::indexer
