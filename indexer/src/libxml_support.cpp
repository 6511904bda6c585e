// SPDX-License-Identifier: GPL-2.0-or-later
// libxml2 initialisation and error silencing.
#include "libxml_support.h"

#include <libxml/globals.h>
#include <libxml/parser.h>
#include <libxml/xmlversion.h>

namespace morgue::indexer {
namespace {

void ignore_generic_error(void* /*context*/, const char* /*message*/, ...) {}

#if LIBXML_VERSION >= 21200
void ignore_structured_error(void* /*context*/, const xmlError* /*error*/) {}
#else
void ignore_structured_error(void* /*context*/, xmlErrorPtr /*error*/) {}
#endif

}  // namespace

void ensure_parser_initialized() {
  // xmlInitParser must not race with itself; a function-local static runs it exactly once.
  [[maybe_unused]] static const bool initialized = [] {
    xmlInitParser();
    return true;
  }();
}

SilentLibxmlErrors::SilentLibxmlErrors()
    : generic_(xmlGenericError),
      generic_context_(xmlGenericErrorContext),
      structured_(xmlStructuredError),
      structured_context_(xmlStructuredErrorContext) {
  xmlSetGenericErrorFunc(nullptr, &ignore_generic_error);
  xmlSetStructuredErrorFunc(nullptr, &ignore_structured_error);
}

SilentLibxmlErrors::~SilentLibxmlErrors() {
  xmlSetGenericErrorFunc(generic_context_, generic_);
  xmlSetStructuredErrorFunc(structured_context_, structured_);
}

}  // namespace morgue::indexer
