// SPDX-License-Identifier: GPL-2.0-or-later
// libxml2 ownership and error silencing shared by the HTML, XML and feed readers.
#pragma once

#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include <memory>

namespace morgue::indexer {

struct XmlDocDeleter {
  void operator()(xmlDoc* doc) const noexcept { xmlFreeDoc(doc); }
};
/// Owns a parsed document.
using XmlDocPtr = std::unique_ptr<xmlDoc, XmlDocDeleter>;

struct XmlStringDeleter {
  void operator()(xmlChar* s) const noexcept { xmlFree(s); }
};
/// Owns a string libxml2 allocated (xmlGetProp and friends).
using XmlStringPtr = std::unique_ptr<xmlChar, XmlStringDeleter>;

/// Initialises libxml2 once per process; safe to call from any thread, any number of times.
void ensure_parser_initialized();

/// While alive, libxml2's generic and structured error handlers on this thread do nothing.
/// Broken markup is the norm in news archives, so libxml2's complaints would only be noise on
/// the user's terminal; the parse options silence the parser, but encoding errors go to the
/// generic handler. Both handlers are per-thread in libxml2, so this is thread-safe.
class SilentLibxmlErrors {
 public:
  SilentLibxmlErrors();
  ~SilentLibxmlErrors();
  SilentLibxmlErrors(const SilentLibxmlErrors&) = delete;
  SilentLibxmlErrors& operator=(const SilentLibxmlErrors&) = delete;

 private:
  xmlGenericErrorFunc generic_;
  void* generic_context_;
  xmlStructuredErrorFunc structured_;
  void* structured_context_;
};

}  // namespace morgue::indexer
