// SPDX-License-Identifier: GPL-2.0-or-later
// The C API of morgue.h over the C++ Searcher: every exception stops at this boundary.
#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <memory>
#include <new>
#include <string>
#include <vector>

#include "morgue/error.h"
#include "morgue/json_output.h"
#include "morgue/morgue.h"
#include "morgue/searcher.h"

#ifndef MORGUE_VERSION
#error "MORGUE_VERSION must be defined by the build"
#endif

// The handles are the C++ objects themselves, behind opaque C names.
struct morgue_searcher {
  morgue::Searcher searcher;
};

struct morgue_results {
  morgue::SearchResults results;
  std::vector<std::string> snippets_html;  // one per hit, rendered once
};

namespace {

thread_local std::string t_last_error;

morgue_status status_of(morgue::ErrorCode code) {
  // ErrorCode values are stable and only appended; the C codes are the same shifted by one.
  return static_cast<morgue_status>(static_cast<int>(code) + 1);
}

morgue_status fail(morgue_status status, std::string message) {
  try {
    t_last_error = std::move(message);
  } catch (...) {
    t_last_error.clear();
  }
  return status;
}

// Runs f() and turns whatever it throws into a status and the thread's error message.
template <class F>
morgue_status guarded(F&& f) noexcept {
  try {
    t_last_error.clear();
    f();
    return MORGUE_OK;
  } catch (const morgue::Error& e) {
    return fail(status_of(e.code()), e.what());
  } catch (const std::bad_alloc&) {
    return fail(MORGUE_INTERNAL, "out of memory");
  } catch (const std::exception& e) {
    return fail(MORGUE_INTERNAL, e.what());
  } catch (...) {
    return fail(MORGUE_INTERNAL, "unknown exception");
  }
}

morgue_status null_argument(const char* function, const char* name) {
  return fail(MORGUE_INVALID_ARGUMENT, std::string(function) + ": " + name + " is NULL");
}

// A malloc'd copy the caller frees with morgue_string_free().
char* malloc_copy(const std::string& s) {
  char* out = static_cast<char*>(std::malloc(s.size() + 1));
  if (out == nullptr) throw std::bad_alloc();
  std::memcpy(out, s.c_str(), s.size() + 1);
  return out;
}

const morgue::Hit* hit_at(const morgue_results* r, size_t i) {
  if (r == nullptr || i >= r->results.hits.size()) return nullptr;
  return &r->results.hits[i];
}

}  // namespace

extern "C" {

int morgue_c_api_version(void) { return MORGUE_C_API_VERSION; }

const char* morgue_version(void) { return MORGUE_VERSION; }

const char* morgue_status_name(morgue_status status) {
  const int value = static_cast<int>(status);
  if (value == MORGUE_OK) return "ok";
  if (value < MORGUE_INVALID_ARGUMENT || value > MORGUE_INTERNAL) return "unknown";
  // The names are string literals, so NUL-terminated.
  return morgue::to_string(static_cast<morgue::ErrorCode>(value - 1)).data();
}

const char* morgue_last_error_message(void) { return t_last_error.c_str(); }

morgue_status morgue_searcher_open(const char* index_dir, morgue_searcher** out) {
  if (out == nullptr) return null_argument("morgue_searcher_open", "out");
  *out = nullptr;
  if (index_dir == nullptr) return null_argument("morgue_searcher_open", "index_dir");
  return guarded([&] { *out = new morgue_searcher{morgue::Searcher::open(index_dir)}; });
}

void morgue_searcher_close(morgue_searcher* searcher) { delete searcher; }

morgue_status morgue_searcher_reopen(morgue_searcher* searcher) {
  if (searcher == nullptr) return null_argument("morgue_searcher_reopen", "searcher");
  return guarded([&] { searcher->searcher.reopen(); });
}

void morgue_search_options_init(morgue_search_options* options) {
  if (options == nullptr) return;
  const morgue::SearchRequest defaults;
  *options = morgue_search_options{};
  options->struct_size = sizeof(morgue_search_options);
  options->offset = defaults.offset;
  options->limit = defaults.limit;
  options->snippet_bytes = defaults.snippet_bytes;
  options->sort = MORGUE_SORT_RELEVANCE;
  options->collapse_duplicates = defaults.collapse_duplicates ? 1 : 0;
}

morgue_status morgue_search(morgue_searcher* searcher, const morgue_search_options* options,
                            morgue_results** out) {
  if (out == nullptr) return null_argument("morgue_search", "out");
  *out = nullptr;
  if (searcher == nullptr) return null_argument("morgue_search", "searcher");
  if (options == nullptr) return null_argument("morgue_search", "options");
  // A caller built against an older header passes a shorter struct: take the members it
  // knows and keep the defaults of the rest.
  morgue_search_options o;
  morgue_search_options_init(&o);
  if (options->struct_size < offsetof(morgue_search_options, query) + sizeof(const char*) ||
      options->struct_size > sizeof(morgue_search_options)) {
    return fail(MORGUE_INVALID_ARGUMENT,
                "morgue_search: options->struct_size is not set; call morgue_search_options_init");
  }
  std::memcpy(&o, options, options->struct_size);
  if (o.query == nullptr) return null_argument("morgue_search", "options->query");
  const int sort = static_cast<int>(o.sort);
  if (sort < MORGUE_SORT_RELEVANCE || sort > MORGUE_SORT_OLDEST) {
    return fail(MORGUE_INVALID_ARGUMENT, "morgue_search: options->sort is not a morgue_sort");
  }
  return guarded([&] {
    morgue::SearchRequest request;
    request.query = o.query;
    request.offset = o.offset;
    request.limit = o.limit;
    request.snippet_bytes = o.snippet_bytes;
    request.sort = sort == MORGUE_SORT_NEWEST   ? morgue::Sort::kNewest
                   : sort == MORGUE_SORT_OLDEST ? morgue::Sort::kOldest
                                                : morgue::Sort::kRelevance;
    if (o.date_from != nullptr) request.date_from = o.date_from;
    if (o.date_to != nullptr) request.date_to = o.date_to;
    request.collapse_duplicates = o.collapse_duplicates != 0;
    auto results = std::make_unique<morgue_results>();
    results->results = searcher->searcher.search(request);
    results->snippets_html.reserve(results->results.hits.size());
    for (const morgue::Hit& hit : results->results.hits) {
      results->snippets_html.push_back(morgue::json::snippet_html(hit.snippet));
    }
    *out = results.release();
  });
}

void morgue_results_free(morgue_results* results) { delete results; }

size_t morgue_results_count(const morgue_results* results) {
  return results == nullptr ? 0 : results->results.hits.size();
}

size_t morgue_results_total_estimated(const morgue_results* results) {
  return results == nullptr ? 0 : results->results.total_estimated;
}

const char* morgue_results_hit_id(const morgue_results* results, size_t i) {
  const morgue::Hit* hit = hit_at(results, i);
  return hit == nullptr ? nullptr : hit->id.c_str();
}

const char* morgue_results_hit_title(const morgue_results* results, size_t i) {
  const morgue::Hit* hit = hit_at(results, i);
  return hit == nullptr ? nullptr : hit->title.c_str();
}

const char* morgue_results_hit_date(const morgue_results* results, size_t i) {
  const morgue::Hit* hit = hit_at(results, i);
  return hit == nullptr ? nullptr : hit->date.c_str();
}

const char* morgue_results_hit_path(const morgue_results* results, size_t i) {
  const morgue::Hit* hit = hit_at(results, i);
  return hit == nullptr ? nullptr : hit->path.c_str();
}

const char* morgue_results_hit_snippet_html(const morgue_results* results, size_t i) {
  if (hit_at(results, i) == nullptr) return nullptr;
  return results->snippets_html[i].c_str();
}

size_t morgue_results_hit_rank(const morgue_results* results, size_t i) {
  const morgue::Hit* hit = hit_at(results, i);
  return hit == nullptr ? 0 : hit->rank;
}

double morgue_results_hit_score(const morgue_results* results, size_t i) {
  const morgue::Hit* hit = hit_at(results, i);
  return hit == nullptr ? 0 : hit->score;
}

int morgue_results_hit_date_inferred(const morgue_results* results, size_t i) {
  const morgue::Hit* hit = hit_at(results, i);
  return hit != nullptr && hit->date_inferred ? 1 : 0;
}

size_t morgue_results_hit_duplicates(const morgue_results* results, size_t i) {
  const morgue::Hit* hit = hit_at(results, i);
  return hit == nullptr ? 0 : hit->duplicates;
}

morgue_status morgue_results_json(const morgue_results* results, char** out) {
  if (out == nullptr) return null_argument("morgue_results_json", "out");
  *out = nullptr;
  if (results == nullptr) return null_argument("morgue_results_json", "results");
  return guarded([&] { *out = malloc_copy(morgue::json::search_results(results->results)); });
}

morgue_status morgue_article_json(morgue_searcher* searcher, const char* id, char** out) {
  if (out == nullptr) return null_argument("morgue_article_json", "out");
  *out = nullptr;
  if (searcher == nullptr) return null_argument("morgue_article_json", "searcher");
  if (id == nullptr) return null_argument("morgue_article_json", "id");
  return guarded(
      [&] { *out = malloc_copy(morgue::json::article(searcher->searcher.article(id))); });
}

void morgue_string_free(char* s) { std::free(s); }

}  // extern "C"
