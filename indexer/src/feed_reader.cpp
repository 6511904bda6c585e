// SPDX-License-Identifier: GPL-2.0-or-later
// Reads articles from web feeds: RSS 2.0 (and RSS 0.9x/1.0) items and Atom entries.
#include <libxml/tree.h>

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "field_mapping.h"
#include "format_readers.h"
#include "morgue/error.h"
#include "morgue/text.h"
#include "readers.h"

namespace morgue::indexer {
namespace {

constexpr std::string_view kRss1Namespace = "http://purl.org/rss/1.0/";
constexpr std::string_view kRss090Namespace = "http://my.netscape.com/rdf/simple/0.9/";
constexpr std::string_view kContentNamespace = "http://purl.org/rss/1.0/modules/content/";
constexpr std::string_view kDublinCoreNamespace = "http://purl.org/dc/elements/1.1/";
constexpr std::string_view kAtomNamespace = "http://www.w3.org/2005/Atom";
constexpr std::string_view kAtom03Namespace = "http://purl.org/atom/ns#";

// RSS 2.0 has no namespace; RSS 1.0 and 0.90 have one each. Extension elements with the same
// local name (atom:link, media:title) are not the item's own.
bool is_rss(const xmlNode* node) {
  const std::string_view ns = namespace_uri(node);
  return ns.empty() || ns == kRss1Namespace || ns == kRss090Namespace;
}

// Atom without its namespace declaration is a common mistake; media:content is not Atom.
bool is_atom(const xmlNode* node) {
  const std::string_view ns = namespace_uri(node);
  return ns.empty() || ns == kAtomNamespace || ns == kAtom03Namespace;
}

bool in_namespace(const xmlNode* node, std::string_view ns) { return namespace_uri(node) == ns; }

// The first child element called `name` for which `accept` holds.
template <typename Accept>
const xmlNode* child_where(const xmlNode* parent, std::string_view name, Accept accept) {
  for (const xmlNode* child : child_elements(parent, name)) {
    if (accept(child)) return child;
  }
  return nullptr;
}

template <typename Accept>
std::vector<const xmlNode*> children_where(const xmlNode* parent, std::string_view name,
                                           Accept accept) {
  std::vector<const xmlNode*> found;
  for (const xmlNode* child : child_elements(parent, name)) {
    if (accept(child)) found.push_back(child);
  }
  return found;
}

std::string trimmed_text(const xmlNode* node) {
  return std::string(text::trim(element_text(node)));
}

std::string join(const std::vector<std::string>& parts) {
  std::string joined;
  for (const std::string& part : parts) {
    if (part.empty()) continue;
    if (!joined.empty()) joined += ", ";
    joined += part;
  }
  return joined;
}

// ---------------------------------------------------------------------------------------------
// RSS.

// RSS's <author> is an e-mail address, often with the name in brackets:
// "jdoe@example.com (Jane Doe)" -> "Jane Doe".
std::string rss_author(std::string_view value) {
  const std::string author = text::collapse_whitespace(value);
  const std::size_t open = author.find('(');
  if (open != std::string::npos && author.ends_with(')') &&
      author.substr(0, open).find('@') != std::string::npos) {
    return clean_author(std::string_view(author).substr(open + 1, author.size() - open - 2));
  }
  return clean_author(author);
}

struct Channel {
  std::string title;
  std::string lang;
};

Article read_rss_item(const xmlNode* item, const Channel& channel) {
  const auto dublin_core = [](const xmlNode* node) {
    return in_namespace(node, kDublinCoreNamespace);
  };
  Article article;
  article.title = clean_title(element_text(child_where(item, "title", is_rss)));
  const std::string link = trimmed_text(child_where(item, "link", is_rss));
  const xmlNode* guid = child_where(item, "guid", is_rss);
  const std::string guid_text = trimmed_text(guid);
  article.id = !guid_text.empty() ? guid_text : link;
  article.url = link;
  if (article.url.empty() && text::ascii_lower(attribute(guid, "isPermaLink")) != "false" &&
      (guid_text.starts_with("http://") || guid_text.starts_with("https://"))) {
    article.url = guid_text;
  }
  for (const xmlNode* date :
       {child_where(item, "pubDate", is_rss), child_where(item, "date", dublin_core)}) {
    if (auto parsed = parse_date_value(element_text(date))) {
      article.date = std::move(*parsed);
      break;
    }
  }
  article.author = rss_author(element_text(child_where(item, "author", is_rss)));
  if (article.author.empty()) {
    std::vector<std::string> creators;
    for (const xmlNode* creator : children_where(item, "creator", dublin_core)) {
      creators.push_back(clean_author(element_text(creator)));
    }
    article.author = join(creators);
  }
  const xmlNode* encoded = child_where(
      item, "encoded", [](const xmlNode* node) { return in_namespace(node, kContentNamespace); });
  article.body = clean_body_text(element_text(encoded));
  if (article.body.empty()) {
    article.body = clean_body_text(element_text(child_where(item, "description", is_rss)));
  }
  article.source = channel.title;
  article.lang = language_code(element_text(child_where(item, "language", dublin_core)));
  if (article.lang.empty()) article.lang = channel.lang;
  return article;
}

// ---------------------------------------------------------------------------------------------
// Atom.

// An Atom text construct (title, summary, content) as text: type "html" holds escaped HTML,
// "xhtml" a <div> of XHTML, "text" (the default) plain text. `as_body` keeps paragraphs.
// Out-of-line content (src="...") and other media types give nothing.
std::string atom_text(const xmlNode* node, bool as_body) {
  if (node == nullptr || !attribute(node, "src").empty()) return {};
  const std::string type = text::ascii_lower(text::trim(attribute(node, "type")));
  std::string value;
  if (type == "xhtml" || type == "application/xhtml+xml") {
    value = html_fragment_text(inner_xml(node));
  } else if (type == "html" || type == "text/html") {
    value = html_fragment_text(element_text(node));
  } else if (type.empty() || type == "text" || type == "text/plain") {
    value = clean_plain_body(element_text(node));
  } else {
    return {};
  }
  return as_body ? value : text::collapse_whitespace(value);
}

std::string atom_authors(const xmlNode* parent) {
  std::vector<std::string> names;
  for (const xmlNode* author : children_where(parent, "author", is_atom)) {
    names.push_back(clean_author(element_text(child_where(author, "name", is_atom))));
  }
  return join(names);
}

struct Feed {
  std::string title;
  std::string author;
};

Article read_atom_entry(const xmlNode* entry, const Feed& feed) {
  Article article;
  article.id = trimmed_text(child_where(entry, "id", is_atom));
  article.title = atom_text(child_where(entry, "title", is_atom), false);
  // Atom 0.3 called them issued and modified.
  for (const std::string_view name : {"published", "updated", "issued", "modified"}) {
    if (auto parsed = parse_date_value(element_text(child_where(entry, name, is_atom)))) {
      article.date = std::move(*parsed);
      break;
    }
  }
  article.author = atom_authors(entry);
  if (article.author.empty()) article.author = feed.author;
  article.body = atom_text(child_where(entry, "content", is_atom), true);
  if (article.body.empty()) article.body = atom_text(child_where(entry, "summary", is_atom), true);
  for (const xmlNode* link : children_where(entry, "link", is_atom)) {
    const std::string rel = text::ascii_lower(text::trim(attribute(link, "rel")));
    const std::string href(text::trim(attribute(link, "href")));
    if ((rel.empty() || rel == "alternate") && !href.empty()) {
      article.url = href;
      break;
    }
  }
  // An aggregated entry names the feed it came from.
  const xmlNode* origin = child_where(entry, "source", is_atom);
  article.source = atom_text(child_where(origin, "title", is_atom), false);
  if (article.source.empty()) article.source = feed.title;
  article.lang = xml_language(entry);
  return article;
}

}  // namespace

void read_feed(const Source& source, const ReadContext& context, const ArticleSink& sink) {
  const XmlDocPtr doc = parse_xml(source.bytes, context);
  const xmlNode* root = xmlDocGetRootElement(doc.get());
  const std::string_view root_name = local_name(root);

  std::vector<Article> found;
  std::string kind;
  if (root_name == "rss" || root_name == "RDF") {
    kind = "item";
    // RSS 2.0 puts items in the channel; RSS 1.0 next to it.
    const xmlNode* channel_node = child_where(root, "channel", is_rss);
    const Channel channel{
        .title = clean_title(element_text(child_where(channel_node, "title", is_rss))),
        .lang = language_code(element_text(child_where(channel_node, "language", is_rss)))};
    std::vector<const xmlNode*> items = children_where(channel_node, "item", is_rss);
    if (items.empty()) items = children_where(root, "item", is_rss);
    for (const xmlNode* item : items) found.push_back(read_rss_item(item, channel));
  } else if (root_name == "feed" && is_atom(root)) {
    kind = "entry";
    const Feed feed{.title = atom_text(child_where(root, "title", is_atom), false),
                    .author = atom_authors(root)};
    for (const xmlNode* entry : children_where(root, "entry", is_atom)) {
      found.push_back(read_atom_entry(entry, feed));
    }
  } else if (root_name == "entry" && is_atom(root)) {
    kind = "entry";
    found.push_back(read_atom_entry(root, Feed{}));
  } else {
    throw Error(ErrorCode::kInvalidArgument,
                "not an RSS or Atom feed (root element <" + std::string(root_name) + ">)");
  }

  std::size_t articles = 0;
  for (std::size_t i = 0; i < found.size(); ++i) {
    Article& article = found[i];
    if (article.title.empty() && article.body.empty()) {
      if (context.warn) {
        context.warn(kind + " " + std::to_string(context.records_before + i + 1) +
                     ": no title or text");
      }
      continue;
    }
    finish_article(article);
    ++articles;
    sink(std::move(article));
  }
  if (articles == 0) {
    throw Error(ErrorCode::kInvalidArgument, found.empty()
                                                 ? "feed has no " + kind + "s"
                                                 : "no feed " + kind + " has a title or text");
  }
}

}  // namespace morgue::indexer
