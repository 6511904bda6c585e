// SPDX-License-Identifier: GPL-2.0-or-later
// Golden Query::get_description() strings for query building, positioned parse errors,
// precedence warnings, relaxed queries, entity aliases through SQLite and spelling suggestions.
#include "query.h"

#include <catch2/catch.hpp>

#include "morgue/error.h"
#include "morgue/internal/sqlite.h"
#include "morgue/internal/store.h"
#include "test_support.h"

using namespace morgue;

namespace {
Xapian::WritableDatabase memory_db() {
  return Xapian::WritableDatabase(std::string(), Xapian::DB_BACKEND_INMEMORY);
}
searcher::ParsedQuery parse(const std::string& query, MatchMode mode = MatchMode::kAuto) {
  Xapian::WritableDatabase db = memory_db();
  searcher::QueryBuilder builder(db, {});
  return builder.parse(query, mode);
}
std::string describe(const std::string& query) { return parse(query).description; }
std::string error_of(const std::string& query, const Xapian::Database& db = memory_db()) {
  searcher::QueryBuilder builder(db, {});
  try {
    (void)builder.parse(query);
  } catch (const Error& e) {
    CHECK(e.code() == ErrorCode::kBadQuery);
    return e.what();
  }
  return "no error";
}
}  // namespace

TEST_CASE("queries parse to the expected Xapian queries", "[query]") {
  auto [input, expected] = GENERATE(table<std::string, std::string>({
      // Capitalised words are taken as names and not stemmed (Xapian's STEM_SOME).
      {"Pompeo AND Huawei", "Query((pompeo@1 AND huawei@2))"},
      {"pompeo and huawei", "Query((Zpompeo@1 AND Zhuawei@2))"},
      {"pompeo huawei", "Query((Zpompeo@1 AND Zhuawei@2))"},
      {"iran OR iraq", "Query((Ziran@1 OR Ziraq@2))"},
      {"huawei NOT iran", "Query((Zhuawei@1 AND_NOT Ziran@2))"},
      {"iran XOR iraq", "Query((Ziran@1 XOR Ziraq@2))"},
      {"\"Theresa May\"", "Query((theresa@1 PHRASE 2 may@2))"},
      {"title:cocoa", "Query(ZScocoa@1)"},
      {"body:cocoa", "Query(Zcocoa@1)"},
      {"author:smith", "Query(ZAsmith@1)"},
      {"+cocoa -coffee", "Query((Zcocoa@1 AND_NOT Zcoffe@2))"},
      {"(iran OR iraq) AND pompeo", "Query(((Ziran@1 OR Ziraq@2) AND Zpompeo@3))"},
      {"warns", "Query(Zwarn@1)"},
      // Function words are left out outside phrases, kept inside them.
      {"effects of the drought", "Query((Zeffect@1 AND Zdrought@4))"},
      {"\"state of the art\"", "Query((state@1 PHRASE 4 of@2 PHRASE 4 the@3 PHRASE 4 art@4))"},
      // NEAR/n: within n words either way; ADJ/n: within n words, in this order.
      {"cocoa NEAR/3 bahia", "Query((cocoa@1 NEAR 4 bahia@2))"},
      {"cocoa ADJ/3 bahia", "Query((cocoa@1 PHRASE 4 bahia@2))"},
      {"huaw*", "Query(WILDCARD SYNONYM huaw)"},
      // Boolean fields filter without ranking.
      {"source:reuters cocoa", "Query((Zcocoa@1 FILTER XSOURCEreuters))"},
      {"source:reuters source:ap", "Query(0 * (XSOURCEreuters OR XSOURCEap))"},
      {"lang:de", "Query(0 * Lde)"},
      {"topic:cocoa place_tag:brazil", "Query(0 * (XTOPICcocoa AND XTPLACEbrazil))"},
      {"org_tag:opec exchange:nyse", "Query(0 * (XTORGopec AND XTEXCHnyse))"},
      {"person_tag:reagan", "Query(0 * XTPERSONreagan)"},
      // Entities: the name key of the value (no SQLite here, so no aliases).
      {"person:pompeo", "Query(0 * XEPpompeo)"},
      {"person:\"Mike Pompeo\"", "Query(0 * XEPmike pompeo)"},
      {"person:\"Secretary of State Mike Pompeo\"", "Query(0 * XEPmike pompeo)"},
      {"person:pompeo person:may", "Query(0 * (XEPpompeo AND XEPmay))"},
      {"place:U.S.", "Query(0 * XELus)"},
      {"org:Huawei", "Query(0 * XEOhuawei)"},
      {"handle:@SecPompeo", "Query(0 * XEH@secpompeo)"},
      {"hashtag:#5G", "Query(0 * XEG#5g)"},
      {"entity:pompeo",
       "Query(0 * (XEGpompeo OR XEHpompeo OR XELpompeo OR XEOpompeo OR XEPpompeo))"},
      // Dates: a year, month or day by its term; ranges over the date slot.
      {"date:2019", "Query(0 * Y2019)"},
      {"date:2019-05", "Query(0 * M201905)"},
      {"date:2019-05-08", "Query(0 * D20190508)"},
      {"date:2019 date:2020", "Query(0 * (Y2019 OR Y2020))"},
      {"date:2019-05-01..2019-05-31", "Query(VALUE_RANGE 0 20190501 20190531)"},
      {"date:2019..2020", "Query(VALUE_RANGE 0 20190101 20201231)"},
      {"date:2019-02..2019-03", "Query(VALUE_RANGE 0 20190201 20190331)"},
      {"date:..1987-03-01", "Query(VALUE_LE 0 19870301)"},
      {"date:1987-03-01..", "Query(VALUE_GE 0 19870301)"},
      {"huawei date:2019", "Query((Zhuawei@1 FILTER Y2019))"},
      {"huawei date:2019-05-01..2019-05-31",
       "Query((Zhuawei@1 FILTER VALUE_RANGE 0 20190501 20190531))"},
      // A lone NOT, or only '-' words: every article without them.
      {"NOT iran", "Query((<alldocuments> AND_NOT Ziran@1))"},
      {"-iran", "Query((<alldocuments> AND_NOT Ziran@1))"},
      {"-iran -iraq", "Query((<alldocuments> AND_NOT (Ziran@1 OR Ziraq@2)))"},
  }));
  CAPTURE(input);
  CHECK(describe(input) == expected);
}

TEST_CASE("match mode any ORs the words", "[query]") {
  CHECK(parse("pompeo huawei", MatchMode::kAny).description == "Query((Zpompeo@1 OR Zhuawei@2))");
  CHECK(parse("pompeo huawei", MatchMode::kAll).description == "Query((Zpompeo@1 AND Zhuawei@2))");
  CHECK(parse("pompeo huawei", MatchMode::kAll).relaxed.empty());
}

TEST_CASE("the relaxed query ORs the plain words and keeps the rest", "[query]") {
  auto [input, expected] = GENERATE(table<std::string, std::string>({
      {"drought cocoa Bahia", "Query((Zdrought@1 OR Zcocoa@2 OR bahia@3))"},
      {"effects of the drought", "Query((Zeffect@1 OR Zdrought@4))"},
      {"cocoa bahia source:reuters -coffee",
       "Query((((Zcocoa@1 OR Zbahia@2) FILTER XSOURCEreuters) AND_NOT Zcoffe@3))"},
      {"cocoa \"bahia superior\" prices",
       "Query(((bahia@2 PHRASE 2 superior@3) AND_MAYBE (Zcocoa@1 OR Zprice@4)))"},
      {"+cocoa bahia prices", "Query((Zcocoa@1 AND_MAYBE (Zbahia@2 OR Zprice@3)))"},
      // Nothing to drop.
      {"cocoa", ""},
      {"iran OR iraq", ""},
      {"\"bahia superior\" source:reuters", ""},
  }));
  CAPTURE(input);
  const searcher::ParsedQuery p = parse(input);
  CHECK((p.relaxed.empty() ? std::string() : p.relaxed.get_description()) == expected);
}

TEST_CASE("the words of a query are listed as typed with their terms", "[query]") {
  using Words = std::vector<std::pair<std::string, std::string>>;
  CHECK(parse("Huawei warns AND cocoa").words ==
        Words{{"huawei", "huawei"}, {"warns", "Zwarn"}, {"cocoa", "Zcocoa"}});
  CHECK(parse("cocoa source:reuters -coffee").words == Words{{"cocoa", "Zcocoa"}});
  CHECK(parse("prices").words == Words{{"prices", "Zprice"}});
  CHECK(parse("\"bahia superior\"").words.empty());
}

TEST_CASE("explain warns where precedence may surprise", "[query]") {
  using Warnings = std::vector<std::string>;
  CHECK(parse("a OR b AND c").warnings ==
        Warnings{"\"a OR b AND c\" is read as \"a OR (b AND c)\""});
  CHECK(parse("iran OR iraq pompeo").warnings ==
        Warnings{"\"iran OR iraq pompeo\" is read as \"iran OR (iraq pompeo)\""});
  CHECK(parse("huawei NOT iran OR iraq").warnings ==
        Warnings{"\"huawei NOT iran OR iraq\" is read as \"(huawei NOT iran) OR iraq\""});
  CHECK(parse("NOT iran").warnings ==
        Warnings{"\"NOT iran\" alone matches every article without iran"});
  CHECK(parse("pompeo OR NOT iran").warnings ==
        Warnings{"\"NOT iran\" alone matches every article without iran"});
  CHECK(parse("(a OR b c) AND d").warnings == Warnings{"\"a OR b c\" is read as \"a OR (b c)\""});
  // Brackets, or one kind of operator, say what is meant.
  CHECK(parse("a OR (b AND c)").warnings.empty());
  CHECK(parse("a OR b OR c").warnings.empty());
  CHECK(parse("a b c").warnings.empty());
  CHECK(parse("huawei NOT iran").warnings.empty());
  CHECK(parse("\"a OR b\" c").warnings.empty());
}

TEST_CASE("bad queries are refused with the position", "[query]") {
  CHECK(error_of("Pompeo AND (") ==
        "cannot parse query \"Pompeo AND (\": unclosed '(' at position 12");
  CHECK(error_of("a) b") == "cannot parse query \"a) b\": unmatched ')' at position 2");
  CHECK(error_of("say \"hello") ==
        "cannot parse query \"say \"hello\": unclosed '\"' at position 5");
  CHECK(error_of("Pompeo AND") ==
        "cannot parse query \"Pompeo AND\": 'AND' at position 8 needs a term after it");
  CHECK(error_of("OR huawei") ==
        "cannot parse query \"OR huawei\": 'OR' at position 1 needs a term before it");
  CHECK(error_of("   ") == "empty query");
}

TEST_CASE("bad field values are refused naming the value", "[query]") {
  CHECK(error_of("date:2019-13") ==
        "cannot parse query \"date:2019-13\": \"2019-13\" is not a date (YYYY, YYYY-MM or "
        "YYYY-MM-DD)");
  CHECK(error_of("cocoa date:2019-02-30") ==
        "cannot parse query \"cocoa date:2019-02-30\": \"2019-02-30\" is not a date (YYYY, "
        "YYYY-MM or YYYY-MM-DD)");
  CHECK(error_of("date:May..2019") ==
        "cannot parse query \"date:May..2019\": \"May\" is not a date (YYYY, YYYY-MM or "
        "YYYY-MM-DD)");
  CHECK(error_of("date:2019-05-31..2019-05-01") ==
        "cannot parse query \"date:2019-05-31..2019-05-01\": date range "
        "\"2019-05-31..2019-05-01\" ends before it starts");
  CHECK(error_of("date:..") ==
        "cannot parse query \"date:..\": \"date:..\" needs a date on one side");
  CHECK(error_of("person:\"\"") == "cannot parse query \"person:\"\"\": \"person:\" needs a name");
}

TEST_CASE("a wildcard matching too many words is refused by name", "[query]") {
  Xapian::WritableDatabase db = memory_db();
  Xapian::Document doc;
  for (int i = 0; i <= static_cast<int>(searcher::kMaxWildcardTerms); ++i) {
    doc.add_term("aa" + std::to_string(i));
    doc.add_term("Saa" + std::to_string(i));
  }
  doc.add_term("huawei");
  db.add_document(doc);
  CHECK(error_of("aa* cocoa", db) ==
        "wildcard \"aa*\" matches more than 1000 words; make it longer");
  CHECK(error_of("title:aa*", db) ==
        "wildcard \"title:aa*\" matches more than 1000 words; make it longer");
  searcher::QueryBuilder builder(db, {});
  CHECK(builder.parse("aa1* huaw*").description ==
        "Query((WILDCARD SYNONYM aa1 AND WILDCARD SYNONYM huaw))");
}

TEST_CASE("entity fields match canonical names through the aliases in SQLite", "[query]") {
  test::TempDir dir;
  const store::Layout layout = store::Layout::of(dir.path());
  {
    sqlite::Database sql = store::open_sqlite(layout, sqlite::Database::Mode::kReadWriteCreate);
    sql.exec(
        "INSERT INTO articles (id, path, file, title, content_hash, indexed_at, batch) "
        "VALUES ('seed', 'seed.txt', '/seed.txt', 'Huawei', 'h', '2019-05-08', 1);"
        "INSERT INTO entities (id, type, name, key) VALUES"
        " (1, 'person', 'Mike Pompeo', 'mike pompeo'),"
        " (2, 'place', 'United States', 'united states'),"
        " (3, 'org', 'Huawei', 'huawei'),"
        " (4, 'person', 'Theresa May', 'theresa may');"
        "INSERT INTO article_aliases (article, entity, surface, key, count) VALUES"
        " ('seed', 1, 'Secretary Pompeo', 'pompeo', 1),"
        " ('seed', 1, 'Mr Pompeo', 'pompeo', 3),"
        " ('seed', 1, '@SecPompeo', '@secpompeo', 1),"
        " ('seed', 2, 'U.S.', 'us', 2),"
        " ('seed', 2, 'US', 'us', 4),"
        " ('seed', 3, 'Huawai', 'huawai', 1),"
        " ('seed', 4, 'Mrs May', 'may', 2);");
  }
  Xapian::WritableDatabase db = memory_db();
  searcher::QueryBuilder builder(db, layout.sqlite);
  auto [input, expected] = GENERATE(table<std::string, std::string>({
      {"person:\"Secretary Pompeo\"", "Query(0 * (XEPmike pompeo OR XEPpompeo))"},
      {"person:@SecPompeo", "Query(0 * (XEP@secpompeo OR XEPmike pompeo))"},
      {"person:\"Mike Pompeo\"", "Query(0 * XEPmike pompeo)"},
      {"place:\"U.S.\"", "Query(0 * (XELunited states OR XELus))"},
      {"org:Huawai", "Query(0 * (XEOhuawai OR XEOhuawei))"},
      // Typed fields take names of their type only; entity: takes any.
      {"place:Huawai", "Query(0 * XELhuawai)"},
      {"entity:Huawai",
       "Query(0 * (XEGhuawai OR XEHhuawai OR XELhuawai OR XEOhuawai OR XEOhuawei OR "
       "XEPhuawai))"},
      {"person:may huawei", "Query((Zhuawei@1 FILTER (XEPmay OR XEPtheresa may)))"},
  }));
  CAPTURE(input);
  CHECK(builder.parse(input).description == expected);
}

TEST_CASE("did you mean: corrections from the spelling data", "[query][spelling]") {
  test::TempDir dir;
  Xapian::WritableDatabase db((dir / "xapian").string(), Xapian::DB_CREATE);
  // As in the seed article: "Huawai" once, "Huawei" seven times.
  db.add_spelling("huawai", 1);
  db.add_spelling("huawei", 7);
  db.add_spelling("cocoa", 50);
  db.add_spelling("cocoas", 1);
  db.add_spelling("from", 400);
  db.add_spelling("form", 30);
  db.add_spelling("pompeo", 12);
  db.commit();
  searcher::QueryBuilder builder(db, {});
  auto [input, expected] = GENERATE(table<std::string, std::string>({
      {"Huawai 5G", "Huawei 5G"},
      {"huawai", "huawei"},
      {"HUAWAI", "HUAWEI"},
      // Absent words: Xapian's suggestion (up to two edits).
      {"pompoe AND huawii", "pompeo AND huawei"},
      {"title:huawai OR \"Huawai network\"", "title:huawei OR \"Huawei network\""},
      // Field values, wildcards, operators and short words stay as typed.
      {"source:huawai huawai", "source:huawai huawei"},
      {"person:\"Huawai\" org:huawai", ""},
      {"huawa* cocoa", ""},
      // Another form of the same word is found by stemming already.
      {"cocoas", ""},
      // A common word is not corrected into a more common one.
      {"form", ""},
      {"huawei cocoa", ""},
  }));
  CAPTURE(input);
  CHECK(builder.suggest(input) == expected);
}
