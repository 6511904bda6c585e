// SPDX-License-Identifier: GPL-2.0-or-later
// Reads articles from the IPTC news exchange formats: NITF 3.x documents and NewsML-G2 items.
#include <libxml/tree.h>

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "clutter.h"
#include "field_mapping.h"
#include "format_readers.h"
#include "morgue/error.h"
#include "morgue/text.h"
#include "readers.h"

namespace morgue::indexer {
namespace {

std::string join(const std::vector<std::string>& parts) {
  std::string joined;
  for (const std::string& part : parts) {
    if (part.empty()) continue;
    if (!joined.empty()) joined += ", ";
    joined += part;
  }
  return joined;
}

// The first date among `candidates` that parses.
std::optional<std::string> first_date(std::initializer_list<std::string> candidates) {
  for (const std::string& candidate : candidates) {
    if (auto parsed = parse_date_value(candidate)) return parsed;
  }
  return std::nullopt;
}

// ---------------------------------------------------------------------------------------------
// NITF 3.x: <nitf><head><title/><docdata>...</docdata><pubdata/></head>
// <body><body.head><hedline><hl1/></hedline><byline/><dateline/></body.head>
// <body.content><p/>...</body.content></body></nitf>

// "By <person>Ana Ruiz</person>, <byttl>Staff Writer</byttl>" -> "Ana Ruiz".
std::string nitf_byline(const xmlNode* byline) {
  std::string author = clean_author(element_text(byline, {"byttl"}));
  while (!author.empty() && (author.back() == ',' || author.back() == ' ')) author.pop_back();
  return author;
}

// The text of <body.content>: one paragraph per block, without media (captions repeat the
// text) and without byline or dateline, which are metadata.
std::string nitf_body(const xmlNode* body_content) {
  return clean_body(element_lines(
      body_content,
      {"p",  "hl1", "hl2", "block", "bq",  "table", "nitf-table", "tr", "ol",   "ul",
       "dl", "li",  "dt",  "dd",    "pre", "hr",    "br",         "fn", "note", "credit"},
      {"media", "byline", "dateline", "nitf-table-metadata"}));
}

Article read_nitf(const xmlNode* nitf) {
  const xmlNode* head = child_element(nitf, "head");
  const xmlNode* docdata = child_element(head, "docdata");
  const xmlNode* body = child_element(nitf, "body");
  const xmlNode* body_head = child_element(body, "body.head");

  Article article;
  article.id = text::collapse_whitespace(attribute(child_element(docdata, "doc-id"), "id-string"));
  article.title = clean_title(element_text(element_at(body_head, {"hedline", "hl1"})));
  if (article.title.empty()) {
    article.title = clean_title(element_text(child_element(head, "title")));
  }
  if (auto date = first_date({attribute(child_element(docdata, "date.issue"), "norm"),
                              attribute(child_element(docdata, "date.release"), "norm"),
                              attribute(child_element(head, "pubdata"), "date.publication")})) {
    article.date = std::move(*date);
  }
  std::vector<std::string> authors;
  for (const xmlNode* byline : child_elements(body_head, "byline")) {
    authors.push_back(nitf_byline(byline));
  }
  article.author = join(authors);
  article.source = text::collapse_whitespace(attribute(child_element(head, "pubdata"), "name"));
  if (article.source.empty()) {
    article.source =
        text::collapse_whitespace(attribute(child_element(docdata, "doc.copyright"), "holder"));
  }
  article.body = nitf_body(child_element(body, "body.content"));
  article.lang = xml_language(body != nullptr ? body : nitf);
  return article;
}

// ---------------------------------------------------------------------------------------------
// NewsML-G2: <newsItem guid=""><itemMeta/><contentMeta/><contentSet><inlineXML>...</inlineXML>
// </contentSet></newsItem>, alone or in a <newsMessage><itemSet>.

// The text of a G2 element that may carry its value as text or in @literal (creator, provider).
std::string party_name(const xmlNode* party) {
  if (party == nullptr) return {};
  std::string name = text::collapse_whitespace(element_text(child_element(party, "name")));
  if (name.empty()) name = text::collapse_whitespace(attribute(party, "literal"));
  return name;
}

// Body from the first <inlineXML> (XHTML or an embedded NITF document), else <inlineData>.
// `nitf` receives an embedded NITF document so the caller can take its metadata too.
std::string news_item_body(const xmlNode* content_set, const xmlNode*& nitf) {
  nitf = nullptr;
  if (const xmlNode* inline_xml = child_element(content_set, "inlineXML")) {
    const std::vector<const xmlNode*> nitfs = descendants(inline_xml, "nitf");
    if (!nitfs.empty()) {
      nitf = nitfs.front();
      return nitf_body(element_at(nitf, {"body", "body.content"}));
    }
    const std::vector<const xmlNode*> bodies = descendants(inline_xml, "body");
    return html_fragment_text(inner_xml(bodies.empty() ? inline_xml : bodies.front()));
  }
  if (const xmlNode* inline_data = child_element(content_set, "inlineData")) {
    return clean_body_text(element_text(inline_data));
  }
  return {};
}

Article read_news_item(const xmlNode* item) {
  const xmlNode* item_meta = child_element(item, "itemMeta");
  const xmlNode* content_meta = child_element(item, "contentMeta");

  Article article;
  article.id = text::collapse_whitespace(attribute(item, "guid"));
  article.title = clean_title(element_text(child_element(content_meta, "headline")));
  if (auto date = first_date({element_text(child_element(content_meta, "contentCreated")),
                              element_text(child_element(item_meta, "firstCreated")),
                              element_text(child_element(item_meta, "versionCreated"))})) {
    article.date = std::move(*date);
  }
  article.author = clean_author(element_text(child_element(content_meta, "by")));
  if (article.author.empty()) {
    std::vector<std::string> creators;
    for (const xmlNode* creator : child_elements(content_meta, "creator")) {
      creators.push_back(party_name(creator));
    }
    article.author = join(creators);
  }
  article.source = party_name(child_element(item_meta, "provider"));
  article.lang = language_code(attribute(child_element(content_meta, "language"), "tag"));
  if (article.lang.empty()) article.lang = xml_language(item);

  const xmlNode* nitf = nullptr;
  article.body = news_item_body(child_element(item, "contentSet"), nitf);
  if (nitf != nullptr) {
    // An embedded NITF document fills what the G2 metadata left out.
    Article embedded = read_nitf(nitf);
    for (auto [field, value] :
         {std::pair{&article.title, &embedded.title}, std::pair{&article.date, &embedded.date},
          std::pair{&article.author, &embedded.author},
          std::pair{&article.source, &embedded.source}, std::pair{&article.lang, &embedded.lang}}) {
      if (field->empty()) *field = std::move(*value);
    }
  }
  return article;
}

}  // namespace

void read_news_xml(const Source& source, const ReadContext& context, const ArticleSink& sink) {
  const XmlDocPtr doc = parse_xml(source.bytes, context);
  const xmlNode* root = xmlDocGetRootElement(doc.get());

  std::vector<const xmlNode*> items;
  std::vector<const xmlNode*> nitfs;
  if (local_name(root) == "nitf") {
    nitfs.push_back(root);
  } else if (local_name(root) == "newsItem") {
    items.push_back(root);
  } else {
    items = descendants(root, "newsItem");
    if (items.empty()) nitfs = descendants(root, "nitf");
  }
  if (items.empty() && nitfs.empty()) {
    throw Error(ErrorCode::kInvalidArgument, "neither NITF nor NewsML-G2 (root element <" +
                                                 std::string(local_name(root)) +
                                                 ">, no <nitf> or <newsItem> in it)");
  }

  std::size_t articles = 0;
  const auto emit = [&](Article article, const std::string& position) {
    if (article.title.empty() && article.body.empty()) {
      if (context.warn) context.warn(position + ": no title or text");
      return;
    }
    finish_article(article);
    ++articles;
    sink(std::move(article));
  };
  for (std::size_t i = 0; i < items.size(); ++i) {
    Article article = read_news_item(items[i]);
    std::string position = "newsItem " + std::to_string(context.records_before + i + 1);
    if (!article.id.empty()) position += " (" + article.id + ")";
    emit(std::move(article), position);
  }
  for (std::size_t i = 0; i < nitfs.size(); ++i) {
    emit(read_nitf(nitfs[i]), "nitf " + std::to_string(i + 1));
  }
  if (articles == 0) {
    throw Error(ErrorCode::kInvalidArgument, items.empty()
                                                 ? "NITF document has no title or text"
                                                 : "no NewsML-G2 item has a title or text");
  }
}

}  // namespace morgue::indexer
