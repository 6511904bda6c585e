// SPDX-License-Identifier: GPL-2.0-or-later
// Morgue's C API (C99 or later): searching an index from C and from other languages' foreign
// function interfaces, over the C++ Searcher.
#ifndef MORGUE_MORGUE_H
#define MORGUE_MORGUE_H

// A C header: C's headers, typedefs and the MORGUE_ naming of C libraries, not the C++ style
// clang-tidy checks for.
// NOLINTBEGIN(modernize-deprecated-headers, modernize-use-using, readability-identifier-naming)
#include <stddef.h>
#include <stdint.h>

/**
 * \file
 * The C API of `libmorgue_searcher`: open an index, search it, read hits, fetch articles as
 * JSON.
 *
 * Conventions, for every function below:
 * - Functions that can fail return a ::morgue_status; ::MORGUE_OK is 0. On failure,
 *   morgue_last_error_message() tells why, and out-parameters are set to NULL.
 * - Handles (::morgue_searcher, ::morgue_results) are opaque. Each is freed by exactly one
 *   function, which accepts NULL.
 * - Strings passed in are UTF-8, NUL-terminated and only read during the call.
 * - Strings returned are UTF-8 and NUL-terminated. Their owner is stated on each function:
 *   either the library (valid until a named event; do not free) or the caller (free with
 *   morgue_string_free()).
 * - Threads: a ::morgue_searcher and the ::morgue_results it made belong to one thread at a
 *   time (use one searcher per thread); different searchers may be used concurrently, also
 *   while another process indexes. The error message is per thread.
 * - No function throws a C++ exception or aborts on bad input: NULL where a handle or string
 *   is required gives ::MORGUE_INVALID_ARGUMENT.
 */

#if defined(__GNUC__) || defined(__clang__)
/** Exports a function of the C API from Morgue's shared library. */
#define MORGUE_C_API __attribute__((visibility("default")))
#else
/** Exports a function of the C API (no-op for this compiler). */
#define MORGUE_C_API
#endif

/**
 * Version of this C API. Bumped when a function, type or constant changes meaning or is
 * removed; additions (new functions, new members at the end of ::morgue_search_options, new
 * status codes at the end) keep it. Compare with morgue_c_api_version() at run time.
 */
#define MORGUE_C_API_VERSION 1

#ifdef __cplusplus
extern "C" {
#endif

/** Outcome of a call. Mirrors the C++ `morgue::ErrorCode`, shifted by one. */
typedef enum morgue_status {
  MORGUE_OK = 0,               /**< Success. */
  MORGUE_INVALID_ARGUMENT = 1, /**< A value outside the documented contract (also NULL). */
  MORGUE_BAD_QUERY = 2,        /**< The query could not be parsed; the message names where. */
  MORGUE_NOT_FOUND = 3,        /**< No index in the directory, or no article with the id. */
  MORGUE_LOCKED = 4,           /**< Another writer holds the index. */
  MORGUE_SCHEMA_MISMATCH = 5,  /**< The index was written by another schema version. */
  MORGUE_CORRUPT = 6,          /**< The index is damaged. */
  MORGUE_IO = 7,               /**< The operating system refused a read or write. */
  MORGUE_INTERNAL = 8          /**< A bug in Morgue or a dependency, or out of memory. */
} morgue_status;

/** Order of hits. */
typedef enum morgue_sort {
  MORGUE_SORT_RELEVANCE = 0, /**< Best score first. */
  MORGUE_SORT_NEWEST = 1,    /**< Latest date first, then by score; undated articles last. */
  MORGUE_SORT_OLDEST = 2     /**< Earliest date first, then by score; undated articles last. */
} morgue_sort;

/** A read-only view of one index; see morgue_searcher_open(). */
typedef struct morgue_searcher morgue_searcher;

/** The hits of one search; see morgue_search(). */
typedef struct morgue_results morgue_results;

/**
 * Parameters of morgue_search(). Initialise with morgue_search_options_init(), then set the
 * members you need. Members are only ever appended: `struct_size` tells the library which
 * ones a caller compiled against an older header knows, and the rest keep their defaults.
 */
typedef struct morgue_search_options {
  size_t struct_size;      /**< sizeof(morgue_search_options); set by the init function. */
  const char* query;       /**< The query (docs/query-syntax.md). Required. */
  size_t offset;           /**< Hits to skip. Default 0. */
  size_t limit;            /**< Hits to return, at most 1000. Default 10. */
  size_t snippet_bytes;    /**< Approximate snippet length; 0 for none. Default 240. */
  morgue_sort sort;        /**< Default ::MORGUE_SORT_RELEVANCE. */
  const char* date_from;   /**< "YYYY-MM-DD", inclusive; NULL or "" for none. Default NULL. */
  const char* date_to;     /**< "YYYY-MM-DD", inclusive; NULL or "" for none. Default NULL. */
  int collapse_duplicates; /**< Nonzero: one hit per set of exact duplicates. Default 1. */
} morgue_search_options;

/** Returns the C API version the library implements (its MORGUE_C_API_VERSION). */
MORGUE_C_API int morgue_c_api_version(void);

/** Returns the library version, e.g. "0.1.0". Static storage: do not free. */
MORGUE_C_API const char* morgue_version(void);

/**
 * Returns a short stable name of a status ("ok", "bad_query", ...), the same names the JSON
 * output uses. Static storage: do not free. Unknown values give "unknown".
 */
MORGUE_C_API const char* morgue_status_name(morgue_status status);

/**
 * Returns why the last call of this thread that returned a status failed, or "" after a
 * success. Owned by the library: valid until the next call of this thread into the C API.
 */
MORGUE_C_API const char* morgue_last_error_message(void);

/**
 * Opens the index in directory `index_dir` read-only and stores a new searcher in `*out`;
 * free it with morgue_searcher_close(). Fails with ::MORGUE_NOT_FOUND when there is no index,
 * ::MORGUE_SCHEMA_MISMATCH (the message names both versions), ::MORGUE_CORRUPT, ::MORGUE_IO.
 */
MORGUE_C_API morgue_status morgue_searcher_open(const char* index_dir, morgue_searcher** out);

/** Closes a searcher. Results it made stay valid. NULL is ignored. */
MORGUE_C_API void morgue_searcher_close(morgue_searcher* searcher);

/**
 * Moves the searcher to the index's latest commit. Searches also do this by themselves when a
 * writer's commits overtake them.
 */
MORGUE_C_API morgue_status morgue_searcher_reopen(morgue_searcher* searcher);

/** Sets every member of `options` to its default; `query` is NULL and must be set. */
MORGUE_C_API void morgue_search_options_init(morgue_search_options* options);

/**
 * Runs one search and stores the results in `*out`; free them with morgue_results_free().
 * Fails with ::MORGUE_BAD_QUERY (the message names the position), ::MORGUE_INVALID_ARGUMENT
 * (limit or offset out of bounds, a malformed date), ::MORGUE_IO.
 */
MORGUE_C_API morgue_status morgue_search(morgue_searcher* searcher,
                                         const morgue_search_options* options,
                                         morgue_results** out);

/** Frees results and every string read from them. NULL is ignored. */
MORGUE_C_API void morgue_results_free(morgue_results* results);

/** Number of hits held (at most the requested limit); 0 for NULL. */
MORGUE_C_API size_t morgue_results_count(const morgue_results* results);

/** Xapian's estimate of all matching articles; 0 for NULL. */
MORGUE_C_API size_t morgue_results_total_estimated(const morgue_results* results);

/**
 * The id of hit `i` (0-based, below morgue_results_count()). Owned by `results`: valid until
 * morgue_results_free(). NULL when `i` is out of range. The same holds for the other string
 * accessors below.
 */
MORGUE_C_API const char* morgue_results_hit_id(const morgue_results* results, size_t i);

/** The title of hit `i`, plain text. Owned by `results`, like morgue_results_hit_id(). */
MORGUE_C_API const char* morgue_results_hit_title(const morgue_results* results, size_t i);

/**
 * The date of hit `i`, "YYYY-MM-DD", or "" when unknown. Owned by `results`, like
 * morgue_results_hit_id().
 */
MORGUE_C_API const char* morgue_results_hit_date(const morgue_results* results, size_t i);

/** Where hit `i` came from, as indexed. Owned by `results`, like morgue_results_hit_id(). */
MORGUE_C_API const char* morgue_results_hit_path(const morgue_results* results, size_t i);

/**
 * The snippet of hit `i` as HTML: escaped text, matches in `<mark>` elements. Owned by
 * `results`, like morgue_results_hit_id().
 */
MORGUE_C_API const char* morgue_results_hit_snippet_html(const morgue_results* results, size_t i);

/** The 1-based rank of hit `i` in the whole result list; 0 when `i` is out of range. */
MORGUE_C_API size_t morgue_results_hit_rank(const morgue_results* results, size_t i);

/** The score of hit `i` (comparable within one result list only); 0 when out of range. */
MORGUE_C_API double morgue_results_hit_score(const morgue_results* results, size_t i);

/** Nonzero when the date of hit `i` was read from the text rather than metadata. */
MORGUE_C_API int morgue_results_hit_date_inferred(const morgue_results* results, size_t i);

/** Other articles with the same content collapsed into hit `i` (a lower bound). */
MORGUE_C_API size_t morgue_results_hit_duplicates(const morgue_results* results, size_t i);

/**
 * Renders the results as the JSON of `morgue search --json` (docs/json-output.md) into a new
 * string stored in `*out`. Owned by the caller: free it with morgue_string_free().
 */
MORGUE_C_API morgue_status morgue_results_json(const morgue_results* results, char** out);

/**
 * Fetches the article with `id` as the JSON of `morgue show --json` into a new string stored
 * in `*out`. Owned by the caller: free it with morgue_string_free(). Fails with
 * ::MORGUE_NOT_FOUND when no article has that id.
 */
MORGUE_C_API morgue_status morgue_article_json(morgue_searcher* searcher, const char* id,
                                               char** out);

/** Frees a string the library gave to the caller. NULL is ignored. */
MORGUE_C_API void morgue_string_free(char* s);

#ifdef __cplusplus
}
#endif
// NOLINTEND(modernize-deprecated-headers, modernize-use-using, readability-identifier-naming)

#endif /* MORGUE_MORGUE_H */
