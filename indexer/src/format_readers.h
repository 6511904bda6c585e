// SPDX-License-Identifier: GPL-2.0-or-later
// The reader of each multi-article format; read_source() in formats.cpp dispatches to them.
// Each follows read_source()'s contract (formats.h).
#pragma once

#include "formats.h"

namespace morgue::indexer {

void read_reuters_sgml(const Source& source, const ReadContext& context, const ArticleSink& sink);
void read_json_lines(const Source& source, const ReadContext& context, const ArticleSink& sink);
void read_json(const Source& source, const ReadContext& context, const ArticleSink& sink);
void read_csv(const Source& source, const ReadContext& context, const ArticleSink& sink);
void read_news_xml(const Source& source, const ReadContext& context, const ArticleSink& sink);
void read_feed(const Source& source, const ReadContext& context, const ArticleSink& sink);
void read_warc(const Source& source, const ReadContext& context, const ArticleSink& sink);

}  // namespace morgue::indexer
