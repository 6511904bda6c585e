// SPDX-License-Identifier: GPL-2.0-or-later
// Turning text bytes in any charset into UTF-8: byte order marks, declarations, detection.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace morgue::indexer {

/// Text converted to UTF-8, with how its charset was chosen.
struct DecodedText {
  /// Valid UTF-8, without a byte order mark.
  std::string utf8;
  /// The charset the bytes were read as, upper-case ("UTF-8", "WINDOWS-1252", "UTF-16LE").
  std::string charset;
  /// True when the charset came from statistical detection or the Windows-1252 fallback, not
  /// from a byte order mark, a declaration or the bytes being valid UTF-8.
  bool guessed = false;
  /// Invalid or unmappable sequences, each replaced by U+FFFD.
  std::size_t replaced = 0;
};

/// Decodes `bytes` to UTF-8. The charset is, in order: the byte order mark (UTF-8, UTF-16LE/BE,
/// UTF-32LE/BE); `declared_charset` (from HTTP, a <meta> tag or an XML declaration) when iconv
/// knows it, with "iso-8859-1", "latin1" and "us-ascii" read as Windows-1252 as browsers do;
/// UTF-8 when the bytes are valid UTF-8; uchardet's detection; Windows-1252. Bad sequences never
/// stop decoding: each becomes U+FFFD and is counted. Never throws except std::bad_alloc.
/// Thread-safe.
[[nodiscard]] DecodedText decode_text(std::string_view bytes,
                                      std::string_view declared_charset = {});

/// The encoding label of an XML declaration (`<?xml version="1.0" encoding="ISO-8859-1"?>`) at
/// the start of `head` (after an optional UTF-8 BOM and white space), as written; empty when
/// there is none. Looks at the first 2 KiB only. The result points into `head`.
[[nodiscard]] std::string_view xml_declared_encoding(std::string_view head) noexcept;

/// The charset an HTML page declares in its first 2 KiB, from `<meta charset="...">` or
/// `<meta http-equiv="Content-Type" content="text/html; charset=...">`, as written; empty when
/// there is none. The result points into `head`.
[[nodiscard]] std::string_view html_meta_charset(std::string_view head) noexcept;

}  // namespace morgue::indexer
