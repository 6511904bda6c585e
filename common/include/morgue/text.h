// SPDX-License-Identifier: GPL-2.0-or-later
// UTF-8 and text helpers shared by the indexer, the searcher and the programs.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace morgue::text {

/// Result of making arbitrary bytes valid UTF-8.
struct Utf8Repair {
  std::string text;                               ///< Valid UTF-8.
  std::size_t invalid_bytes = 0;                  ///< Bytes that were not valid UTF-8.
  std::optional<std::size_t> first_invalid_byte;  ///< Offset of the first such byte, if any.
  std::size_t multibyte_sequences = 0;            ///< Valid sequences of 2 to 4 bytes kept.
};

/// Returns `bytes` as valid UTF-8. Valid sequences are kept; each invalid byte is read as
/// Windows-1252 (a superset of Latin-1 for printable characters), so a Latin-1 "£" stays "£"
/// and a stray byte in a UTF-8 file costs one character, not the file. A leading UTF-8 BOM is
/// dropped. Never throws except std::bad_alloc.
[[nodiscard]] Utf8Repair repair_utf8(std::string_view bytes);

/// True when `bytes` look like binary data rather than text: a NUL byte, or more than 10% of
/// control characters other than tab, CR, LF and form feed, within the first 8 KiB.
[[nodiscard]] bool looks_binary(std::string_view bytes) noexcept;

/// Removes leading and trailing ASCII and Unicode white space (incl. NBSP).
[[nodiscard]] std::string_view trim(std::string_view s) noexcept;

/// Collapses every run of white space (incl. NBSP, tabs, newlines) to one ASCII space and trims.
[[nodiscard]] std::string collapse_whitespace(std::string_view s);

/// ASCII lower-casing; other bytes are unchanged.
[[nodiscard]] std::string ascii_lower(std::string_view s);

/// Escapes &, <, >, " and ' for HTML text and attribute values.
[[nodiscard]] std::string html_escape(std::string_view s);

/// Cuts `s` to at most `max_bytes` bytes without splitting a UTF-8 sequence.
[[nodiscard]] std::string_view utf8_prefix(std::string_view s, std::size_t max_bytes) noexcept;

/// Hex of the 128-bit xxHash (XXH3) of `s`: 32 lower-case hex digits.
[[nodiscard]] std::string content_hash(std::string_view s);

/// content_hash() of bytes that arrive in pieces: hex() after update(a), update(b) equals
/// content_hash(a + b).
class ContentHasher {
 public:
  ContentHasher();
  ContentHasher(const ContentHasher&) = delete;
  ContentHasher& operator=(const ContentHasher&) = delete;
  ~ContentHasher();
  void update(std::string_view bytes);
  [[nodiscard]] std::string hex() const;

 private:
  void* state_;  // XXH3_state_t, kept out of this header
};

/// The 64-bit xxHash (XXH3) of `s`.
[[nodiscard]] std::uint64_t hash64(std::string_view s) noexcept;

}  // namespace morgue::text
