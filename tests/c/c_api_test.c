// SPDX-License-Identifier: GPL-2.0-or-later
// Tests the C API (morgue.h) from plain C11: an index of the samples made by the morgue binary.
#define _POSIX_C_SOURCE 200809L

#include <morgue/morgue.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int failures = 0;

#define CHECK(cond)                                                            \
  do {                                                                         \
    if (!(cond)) {                                                             \
      fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
      ++failures;                                                              \
    }                                                                          \
  } while (0)

static int contains(const char* haystack, const char* needle) {
  return haystack != NULL && strstr(haystack, needle) != NULL;
}

static int equals(const char* a, const char* b) { return a != NULL && strcmp(a, b) == 0; }

static const char* const kSeedId = "seed/000_e5e6e8b9b571241e.txt";
static const char* const kSeedTitle =
    "Huawei and Iran expected to be on agenda as May meets US secretary of state";

static void test_versions(void) {
  CHECK(morgue_c_api_version() == MORGUE_C_API_VERSION);
  CHECK(strlen(morgue_version()) > 0);
  CHECK(equals(morgue_status_name(MORGUE_OK), "ok"));
  CHECK(equals(morgue_status_name(MORGUE_BAD_QUERY), "bad_query"));
  CHECK(equals(morgue_status_name(MORGUE_SCHEMA_MISMATCH), "schema_mismatch"));
  CHECK(equals(morgue_status_name((morgue_status)99), "unknown"));
}

static void test_missing_index(const char* dir) {
  char path[2048];
  snprintf(path, sizeof path, "%s/no-index-here", dir);
  morgue_searcher* s = (morgue_searcher*)1;
  CHECK(morgue_searcher_open(path, &s) == MORGUE_NOT_FOUND);
  CHECK(s == NULL);
  CHECK(contains(morgue_last_error_message(), "no index at"));
  CHECK(contains(morgue_last_error_message(), "no-index-here"));
  CHECK(morgue_searcher_open(NULL, &s) == MORGUE_INVALID_ARGUMENT);
  CHECK(morgue_searcher_open(path, NULL) == MORGUE_INVALID_ARGUMENT);
  morgue_searcher_close(NULL);
}

static void test_search(morgue_searcher* s) {
  morgue_search_options o;
  morgue_search_options_init(&o);
  CHECK(o.struct_size == sizeof o);
  CHECK(o.limit == 10);
  CHECK(o.collapse_duplicates == 1);
  o.query = "Pompeo AND Huawei";
  morgue_results* r = NULL;
  CHECK(morgue_search(s, &o, &r) == MORGUE_OK);
  CHECK(equals(morgue_last_error_message(), ""));
  if (r == NULL) return;
  CHECK(morgue_results_count(r) == 1);
  CHECK(morgue_results_total_estimated(r) == 1);
  CHECK(equals(morgue_results_hit_id(r, 0), kSeedId));
  CHECK(equals(morgue_results_hit_title(r, 0), kSeedTitle));
  CHECK(equals(morgue_results_hit_date(r, 0), "2019-05-08"));
  CHECK(morgue_results_hit_date_inferred(r, 0) == 1);
  CHECK(contains(morgue_results_hit_path(r, 0), "000_e5e6e8b9b571241e.txt"));
  CHECK(morgue_results_hit_rank(r, 0) == 1);
  CHECK(morgue_results_hit_score(r, 0) > 0);
  CHECK(morgue_results_hit_duplicates(r, 0) == 0);
  CHECK(contains(morgue_results_hit_snippet_html(r, 0), "<mark>Pompeo</mark>"));
  CHECK(contains(morgue_results_hit_snippet_html(r, 0), "<mark>Huawei</mark>"));
  // Out of range: NULL and zeros, never a crash.
  CHECK(morgue_results_hit_id(r, 1) == NULL);
  CHECK(morgue_results_hit_snippet_html(r, 1) == NULL);
  CHECK(morgue_results_hit_rank(r, 1) == 0);
  CHECK(morgue_results_count(NULL) == 0);

  char* json = NULL;
  CHECK(morgue_results_json(r, &json) == MORGUE_OK);
  CHECK(contains(json, "{\"version\":1,\"query\":\"Pompeo AND Huawei\""));
  CHECK(contains(json, "\"duplicates\":0"));
  morgue_string_free(json);
  morgue_results_free(r);
  morgue_results_free(NULL);
}

static void test_article(morgue_searcher* s) {
  char* json = NULL;
  CHECK(morgue_article_json(s, kSeedId, &json) == MORGUE_OK);
  CHECK(contains(json, kSeedTitle));
  CHECK(contains(json, "\"body\":\"US secretary of state Mike Pompeo"));
  morgue_string_free(json);

  json = (char*)1;
  CHECK(morgue_article_json(s, "no/such/article", &json) == MORGUE_NOT_FOUND);
  CHECK(json == NULL);
  CHECK(contains(morgue_last_error_message(), "no/such/article"));
  morgue_string_free(NULL);
}

static void test_errors(morgue_searcher* s) {
  morgue_search_options o;
  morgue_search_options_init(&o);
  morgue_results* r = (morgue_results*)1;

  o.query = "Pompeo AND (";
  CHECK(morgue_search(s, &o, &r) == MORGUE_BAD_QUERY);
  CHECK(r == NULL);
  CHECK(contains(morgue_last_error_message(), "position"));

  o.query = "said";
  o.date_from = "1987-13-01";
  CHECK(morgue_search(s, &o, &r) == MORGUE_INVALID_ARGUMENT);
  CHECK(contains(morgue_last_error_message(), "1987-13-01"));
  o.date_from = NULL;

  o.limit = 100000;
  CHECK(morgue_search(s, &o, &r) == MORGUE_INVALID_ARGUMENT);
  o.limit = 10;

  o.query = NULL;
  CHECK(morgue_search(s, &o, &r) == MORGUE_INVALID_ARGUMENT);
  o.query = "said";
  CHECK(morgue_search(NULL, &o, &r) == MORGUE_INVALID_ARGUMENT);
  CHECK(morgue_search(s, NULL, &r) == MORGUE_INVALID_ARGUMENT);
  CHECK(morgue_search(s, &o, NULL) == MORGUE_INVALID_ARGUMENT);

  // Options not made by morgue_search_options_init.
  morgue_search_options raw;
  memset(&raw, 0, sizeof raw);
  raw.query = "said";
  CHECK(morgue_search(s, &raw, &r) == MORGUE_INVALID_ARGUMENT);
  CHECK(contains(morgue_last_error_message(), "morgue_search_options_init"));
}

static void test_sort_and_dates(morgue_searcher* s) {
  // "said" is in the seed article (2019) and in most Reuters samples (1987-02-26).
  morgue_search_options o;
  morgue_search_options_init(&o);
  o.query = "said";
  o.limit = 200;
  o.snippet_bytes = 0;
  o.sort = MORGUE_SORT_NEWEST;
  morgue_results* r = NULL;
  CHECK(morgue_search(s, &o, &r) == MORGUE_OK);
  if (r == NULL) return;
  CHECK(morgue_results_count(r) > 50);
  CHECK(equals(morgue_results_hit_id(r, 0), kSeedId));
  CHECK(equals(morgue_results_hit_snippet_html(r, 0), ""));
  morgue_results_free(r);

  o.sort = MORGUE_SORT_OLDEST;
  CHECK(morgue_search(s, &o, &r) == MORGUE_OK);
  if (r == NULL) return;
  CHECK(equals(morgue_results_hit_id(r, morgue_results_count(r) - 1), kSeedId));
  morgue_results_free(r);

  o.sort = MORGUE_SORT_RELEVANCE;
  o.date_from = "1987-01-01";
  o.date_to = "1987-12-31";
  CHECK(morgue_search(s, &o, &r) == MORGUE_OK);
  if (r == NULL) return;
  CHECK(morgue_results_count(r) > 50);
  for (size_t i = 0; i < morgue_results_count(r); ++i) {
    CHECK(equals(morgue_results_hit_date(r, i), "1987-02-26"));
  }
  morgue_results_free(r);

  o.date_from = "2019-05-08";
  o.date_to = "";
  CHECK(morgue_search(s, &o, &r) == MORGUE_OK);
  if (r == NULL) return;
  CHECK(morgue_results_count(r) == 1);
  CHECK(equals(morgue_results_hit_id(r, 0), kSeedId));
  morgue_results_free(r);
}

int main(void) {
  const char* tmp = getenv("TMPDIR");
  char dir[1024];
  snprintf(dir, sizeof dir, "%s/morgue-c-api-test.XXXXXX", tmp != NULL ? tmp : "/tmp");
  if (mkdtemp(dir) == NULL) {
    perror("mkdtemp");
    return 1;
  }
  char command[16384];
  snprintf(command, sizeof command, "'%s' index --db '%s/idx' '%s' >/dev/null", MORGUE_BINARY, dir,
           MORGUE_SAMPLES_DIR);
  if (system(command) != 0) {
    fprintf(stderr, "cannot index the samples: %s\n", command);
    return 1;
  }

  test_versions();
  test_missing_index(dir);

  char index[2048];
  snprintf(index, sizeof index, "%s/idx", dir);
  morgue_searcher* s = NULL;
  CHECK(morgue_searcher_open(index, &s) == MORGUE_OK);
  if (s != NULL) {
    test_search(s);
    test_article(s);
    test_errors(s);
    test_sort_and_dates(s);
    CHECK(morgue_searcher_reopen(s) == MORGUE_OK);
    morgue_searcher_close(s);
  }

  snprintf(command, sizeof command, "rm -rf '%s'", dir);
  if (system(command) != 0) fprintf(stderr, "cannot remove %s\n", dir);
  if (failures > 0) {
    fprintf(stderr, "%d check(s) failed\n", failures);
    return 1;
  }
  printf("all C API checks passed\n");
  return 0;
}
