// SPDX-License-Identifier: GPL-2.0-or-later
// JSON documents of docs/json-output.md, built with nlohmann::json.
#include "morgue/json_output.h"

#include <nlohmann/json.hpp>

#include "morgue/text.h"

namespace morgue::json {
namespace {

using Json = nlohmann::ordered_json;

Json date_or_null(const std::string& date) { return date.empty() ? Json(nullptr) : Json(date); }
Json text_or_null(const std::string& s) { return s.empty() ? Json(nullptr) : Json(s); }

std::string dump(const Json& j) {
  // Replace rather than throw on invalid UTF-8: article text is repaired at indexing, but a
  // query typed by a user is not.
  return j.dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace

std::string snippet_html(const std::vector<SnippetSpan>& snippet) {
  std::string html;
  for (const SnippetSpan& span : snippet) {
    if (span.match) html += "<mark>";
    html += text::html_escape(span.text);
    if (span.match) html += "</mark>";
  }
  return html;
}

std::string search_results(const SearchResults& results) {
  Json hits = Json::array();
  for (const Hit& h : results.hits) {
    Json passages = Json::array();
    for (const auto& p : h.passages) passages.push_back(snippet_html(p));
    Json entities = Json::array();
    for (const ArticleEntity& e : h.entities) {
      entities.push_back({{"type", e.type}, {"name", e.name}, {"count", e.count}});
    }
    hits.push_back({{"rank", h.rank},
                    {"id", h.id},
                    {"title", h.title},
                    {"date", date_or_null(h.date)},
                    {"date_inferred", h.date_inferred},
                    {"path", h.path},
                    {"score", h.score},
                    {"snippet", snippet_html(h.snippet)},
                    {"passages", std::move(passages)},
                    {"duplicates", h.duplicates},
                    {"entities", std::move(entities)}});
  }
  Json facets = Json::object();
  for (const Facet& f : results.facets) {
    Json values = Json::array();
    for (const FacetValue& v : f.values) values.push_back({{"value", v.value}, {"count", v.count}});
    facets[f.name] = std::move(values);
  }
  return dump(
      Json{{"version", kJsonVersion},
           {"query", results.query},
           {"parsed_query", results.parsed_query},
           {"warnings", results.warnings},
           {"suggestion", text_or_null(results.suggestion)},
           {"dropped_words", results.dropped_words},
           {"offset", results.offset},
           {"total_estimated", results.total_estimated},
           {"total_exact", results.total_exact < 0 ? Json(nullptr) : Json(results.total_exact)},
           {"revision", results.revision},
           {"uuid", results.uuid},
           {"facets", std::move(facets)},
           {"hits", std::move(hits)}});
}

std::string article(const Article& a) {
  return dump(Json{{"version", kJsonVersion},
                   {"id", a.id},
                   {"title", a.title},
                   {"date", date_or_null(a.date)},
                   {"date_inferred", a.date_inferred},
                   {"author", text_or_null(a.author)},
                   {"source", text_or_null(a.source)},
                   {"url", text_or_null(a.url)},
                   {"path", a.path},
                   {"content_hash", a.content_hash},
                   {"body", a.body}});
}

std::string stats(const IndexStats& s) {
  return dump(Json{
      {"version", kJsonVersion},
      {"index", s.index_dir.string()},
      {"schema_version", s.schema_version},
      {"articles", s.article_count},
      {"sqlite_articles",
       s.sqlite_article_count < 0 ? Json(nullptr) : Json(s.sqlite_article_count)},
      {"duplicate_articles", s.duplicate_articles < 0 ? Json(nullptr) : Json(s.duplicate_articles)},
      {"xapian_revision", s.revision},
      {"xapian_uuid", s.uuid},
      {"average_length", s.average_length},
      {"xapian_bytes", s.xapian_bytes},
      {"sqlite_bytes", s.sqlite_bytes}});
}

std::string error(std::string_view code, std::string_view message) {
  return dump(Json{{"version", kJsonVersion},
                   {"error", {{"code", std::string(code)}, {"message", std::string(message)}}}});
}

}  // namespace morgue::json
