// SPDX-License-Identifier: GPL-2.0-or-later
// Decoding text bytes to UTF-8 with iconv, choosing the charset from BOM, declaration or uchardet.
#include "charset.h"

#include <iconv.h>
#include <uchardet/uchardet.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdint>
#include <memory>
#include <optional>

#include "morgue/text.h"

namespace morgue::indexer {
namespace {

constexpr std::size_t kHeadBytes = 2048;
// uchardet settles long before this; more text only costs time.
constexpr std::size_t kDetectionBytes = std::size_t{64} * 1024;
constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD
constexpr std::string_view kWindows1252 = "WINDOWS-1252";

struct IconvClose {
  void operator()(void* handle) const noexcept { iconv_close(static_cast<iconv_t>(handle)); }
};
using IconvPtr = std::unique_ptr<void, IconvClose>;

struct UchardetDelete {
  void operator()(uchardet* handle) const noexcept { uchardet_delete(handle); }
};
using UchardetPtr = std::unique_ptr<uchardet, UchardetDelete>;

// A converter from `charset` to UTF-8, or null when iconv does not know the charset.
IconvPtr open_to_utf8(const std::string& charset) {
  iconv_t handle = iconv_open("UTF-8", charset.c_str());
  // iconv_open() reports failure as (iconv_t)-1, an integer cast to a pointer by its API.
  if (handle == reinterpret_cast<iconv_t>(-1)) return nullptr;  // NOLINT(performance-no-int-to-ptr)
  return IconvPtr(handle);
}

bool is_continuation(unsigned char c) { return (c & 0xC0U) == 0x80U; }

// Strict UTF-8: no overlong forms, no surrogates, nothing above U+10FFFF.
bool is_valid_utf8(std::string_view s) noexcept {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const unsigned char* end = p + s.size();
  while (p < end) {
    const unsigned char c = *p;
    if (c < 0x80U) {
      ++p;
      continue;
    }
    std::size_t length = 0;
    unsigned char min_second = 0x80U;
    unsigned char max_second = 0xBFU;
    if (c >= 0xC2U && c <= 0xDFU) {
      length = 2;
    } else if (c >= 0xE0U && c <= 0xEFU) {
      length = 3;
      if (c == 0xE0U) min_second = 0xA0U;
      if (c == 0xEDU) max_second = 0x9FU;
    } else if (c >= 0xF0U && c <= 0xF4U) {
      length = 4;
      if (c == 0xF0U) min_second = 0x90U;
      if (c == 0xF4U) max_second = 0x8FU;
    } else {
      return false;
    }
    if (static_cast<std::size_t>(end - p) < length) return false;
    if (p[1] < min_second || p[1] > max_second) return false;
    for (std::size_t i = 2; i < length; ++i) {
      if (!is_continuation(p[i])) return false;
    }
    p += length;
  }
  return true;
}

// The iconv name for a charset label, or the label upper-cased. Browsers read Latin-1 and ASCII
// labels as Windows-1252, and pages so labelled do use its 0x80-0x9F characters (curly quotes,
// dashes); GB2312 pages likewise use GBK's larger set.
std::string canonical_charset(std::string_view label) {
  std::string_view trimmed = text::trim(label);
  while (!trimmed.empty() && (trimmed.front() == '"' || trimmed.front() == '\'')) {
    trimmed.remove_prefix(1);
  }
  while (!trimmed.empty() && (trimmed.back() == '"' || trimmed.back() == '\'')) {
    trimmed.remove_suffix(1);
  }
  const std::string lower = text::ascii_lower(trimmed);
  static constexpr std::array<std::string_view, 17> kWindows1252Labels = {
      "iso-8859-1", "iso8859-1", "iso_8859-1", "iso_8859-1:1987", "latin1",        "latin-1",
      "l1",         "cp819",     "ibm819",     "csisolatin1",     "us-ascii",      "ascii",
      "iso-ir-100", "cp1252",    "x-cp1252",   "windows-1252",    "ansi_x3.4-1968"};
  if (std::find(kWindows1252Labels.begin(), kWindows1252Labels.end(), lower) !=
      kWindows1252Labels.end()) {
    return std::string(kWindows1252);
  }
  if (lower == "utf8" || lower == "unicode-1-1-utf-8") return "UTF-8";
  if (lower == "gb2312" || lower == "gbk" || lower == "x-gbk") return "GB18030";
  // A declared "utf-16" without a BOM is little-endian in practice (WHATWG reads it so).
  if (lower == "utf-16" || lower == "unicode") return "UTF-16LE";
  std::string upper = lower;
  for (char& c : upper) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return upper;
}

// Bytes per code unit, so a bad unit is skipped whole and the rest stays aligned.
std::size_t code_unit_size(std::string_view charset) {
  if (charset.starts_with("UTF-16") || charset.starts_with("UCS-2")) return 2;
  if (charset.starts_with("UTF-32") || charset.starts_with("UCS-4")) return 4;
  return 1;
}

// Converts all of `bytes`, replacing each sequence iconv rejects by U+FFFD rather than stopping.
DecodedText convert(iconv_t handle, std::string_view bytes, std::string charset, bool guessed) {
  DecodedText result{.utf8 = {}, .charset = std::move(charset), .guessed = guessed, .replaced = 0};
  result.utf8.reserve(bytes.size() + bytes.size() / 2);
  const std::size_t unit = code_unit_size(result.charset);
  // POSIX iconv takes char** for its input but never writes through it.
  char* in = const_cast<char*>(bytes.data());
  std::size_t in_left = bytes.size();
  std::array<char, 16384> buffer{};
  const auto drain = [&](char* out_end) {
    result.utf8.append(buffer.data(), static_cast<std::size_t>(out_end - buffer.data()));
  };
  while (in_left > 0) {
    char* out = buffer.data();
    std::size_t out_left = buffer.size();
    const std::size_t status = iconv(handle, &in, &in_left, &out, &out_left);
    const int error = errno;
    drain(out);
    if (status != static_cast<std::size_t>(-1) || error == E2BIG) continue;
    result.utf8 += kReplacement;
    ++result.replaced;
    if (error != EILSEQ) break;  // EINVAL: the input ends inside a sequence
    const std::size_t skip = std::min(unit, in_left);
    in += skip;
    in_left -= skip;
    iconv(handle, nullptr, nullptr, nullptr, nullptr);
  }
  // Stateful encodings (ISO-2022-JP) may owe a final shift sequence.
  char* out = buffer.data();
  std::size_t out_left = buffer.size();
  iconv(handle, nullptr, nullptr, &out, &out_left);
  drain(out);
  return result;
}

// Decodes with `charset`; nullopt when iconv does not know it.
std::optional<DecodedText> try_decode(std::string_view bytes, const std::string& charset,
                                      bool guessed) {
  if (charset == "UTF-8" && is_valid_utf8(bytes)) {
    return DecodedText{
        .utf8 = std::string(bytes), .charset = charset, .guessed = guessed, .replaced = 0};
  }
  const IconvPtr handle = open_to_utf8(charset);
  if (handle == nullptr) return std::nullopt;
  return convert(static_cast<iconv_t>(handle.get()), bytes, charset, guessed);
}

struct Bom {
  std::string_view bytes;
  std::string_view charset;
};

std::optional<Bom> find_bom(std::string_view bytes) {
  // UTF-32LE's BOM begins with UTF-16LE's, so it is tried first.
  static constexpr std::array<Bom, 5> kBoms = {{
      {std::string_view("\xFF\xFE\x00\x00", 4), "UTF-32LE"},
      {std::string_view("\x00\x00\xFE\xFF", 4), "UTF-32BE"},
      {"\xEF\xBB\xBF", "UTF-8"},
      {"\xFF\xFE", "UTF-16LE"},
      {"\xFE\xFF", "UTF-16BE"},
  }};
  for (const Bom& bom : kBoms) {
    if (bytes.starts_with(bom.bytes)) return bom;
  }
  return std::nullopt;
}

std::string detect_charset(std::string_view bytes) {
  const UchardetPtr detector(uchardet_new());
  if (detector == nullptr) return {};
  const std::string_view sample = bytes.substr(0, kDetectionBytes);
  if (uchardet_handle_data(detector.get(), sample.data(), sample.size()) != 0) return {};
  uchardet_data_end(detector.get());
  const char* name = uchardet_get_charset(detector.get());
  return name != nullptr ? std::string(name) : std::string();
}

char lower_ascii(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// Case-insensitive find of a lower-case ASCII `needle` in `haystack` from `from`.
std::size_t find_ascii_ci(std::string_view haystack, std::string_view needle,
                          std::size_t from = 0) noexcept {
  if (needle.size() > haystack.size()) return std::string_view::npos;
  for (std::size_t i = from; i + needle.size() <= haystack.size(); ++i) {
    bool match = true;
    for (std::size_t j = 0; j < needle.size() && match; ++j) {
      match = lower_ascii(haystack[i + j]) == needle[j];
    }
    if (match) return i;
  }
  return std::string_view::npos;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

bool is_label_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_' || c == '.' || c == ':';
}

// The label after "charset" or "encoding" ending at `key_end`: `= "label"`, quotes optional.
std::string_view label_after(std::string_view text, std::size_t key_end) noexcept {
  std::size_t i = key_end;
  while (i < text.size() && is_space(text[i])) ++i;
  if (i >= text.size() || text[i] != '=') return {};
  ++i;
  while (i < text.size() && (is_space(text[i]) || text[i] == '"' || text[i] == '\'')) ++i;
  const std::size_t start = i;
  while (i < text.size() && is_label_char(text[i])) ++i;
  return text.substr(start, i - start);
}

}  // namespace

DecodedText decode_text(std::string_view bytes, std::string_view declared_charset) {
  if (const std::optional<Bom> bom = find_bom(bytes)) {
    if (auto decoded =
            try_decode(bytes.substr(bom->bytes.size()), std::string(bom->charset), false)) {
      return std::move(*decoded);
    }
  }
  if (!text::trim(declared_charset).empty()) {
    if (auto decoded = try_decode(bytes, canonical_charset(declared_charset), false)) {
      return std::move(*decoded);
    }
  }
  if (is_valid_utf8(bytes)) {
    return DecodedText{.utf8 = std::string(bytes), .charset = "UTF-8", .guessed = false};
  }
  const std::string detected = detect_charset(bytes);
  if (!detected.empty()) {
    if (auto decoded = try_decode(bytes, canonical_charset(detected), true)) {
      return std::move(*decoded);
    }
  }
  if (auto decoded = try_decode(bytes, std::string(kWindows1252), true)) {
    return std::move(*decoded);
  }
  // Only an iconv without Windows-1252 (glibc has it) gets here; the repair reads each invalid
  // byte as Windows-1252 too.
  text::Utf8Repair repaired = text::repair_utf8(bytes);
  return DecodedText{.utf8 = std::move(repaired.text),
                     .charset = std::string(kWindows1252),
                     .guessed = true,
                     .replaced = 0};
}

std::string_view xml_declared_encoding(std::string_view head) noexcept {
  head = head.substr(0, kHeadBytes);
  if (head.starts_with("\xEF\xBB\xBF")) head.remove_prefix(3);
  while (!head.empty() && is_space(head.front())) head.remove_prefix(1);
  if (!head.starts_with("<?xml")) return {};
  const std::string_view declaration = head.substr(0, head.find("?>"));
  const std::size_t key = declaration.find("encoding");
  if (key == std::string_view::npos) return {};
  return label_after(declaration, key + 8);
}

std::string_view html_meta_charset(std::string_view head) noexcept {
  head = head.substr(0, kHeadBytes);
  std::size_t pos = 0;
  while ((pos = find_ascii_ci(head, "<meta", pos)) != std::string_view::npos) {
    const std::size_t end = std::min(head.find('>', pos), head.size());
    const std::string_view tag = head.substr(pos, end - pos);
    const std::size_t key = find_ascii_ci(tag, "charset");
    if (key != std::string_view::npos) {
      const std::string_view label = label_after(tag, key + 7);
      if (!label.empty()) return label;
    }
    pos = end;
  }
  return {};
}

}  // namespace morgue::indexer
