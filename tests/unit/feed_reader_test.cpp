// SPDX-License-Identifier: GPL-2.0-or-later
// Tests of the RSS and Atom reader against sample feeds and hostile XML.
#include <catch2/catch.hpp>
#include <fstream>
#include <functional>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "format_readers.h"
#include "formats.h"
#include "morgue/article.h"
#include "morgue/error.h"
#include "reader_test_support.h"

namespace {

using morgue::Article;
using morgue::Error;
using morgue::ErrorCode;
using morgue::indexer::ReadContext;
using morgue::indexer::Source;
using morgue::test::contains;
using morgue::test::error_from;
using morgue::test::ReadResult;

ReadResult read_feed_bytes(std::string_view bytes) {
  return morgue::test::read_with(morgue::indexer::read_feed, bytes, "feed.xml");
}

std::string read_file(const std::string& name) { return morgue::test::read_data("feeds/" + name); }

}  // namespace

TEST_CASE("RSS 2.0 feed", "[formats]") {
  const ReadResult result = read_feed_bytes(read_file("ledger.rss"));
  REQUIRE(result.articles.size() == 3);

  const Article& library = result.articles[0];
  CHECK(library.id == "https://ledger.example/?p=10231");
  CHECK(library.url == "https://ledger.example/2019/05/08/library-open/");
  CHECK(library.title == "Council votes to keep library open");
  CHECK(library.date == "2019-05-08");
  CHECK(library.author == "Tom Baker");
  CHECK(library.source == "The Daily Ledger \u2013 Local News");
  CHECK(library.lang == "en");
  // content:encoded wins over the description teaser; figure, share box and ad line are gone.
  CHECK(library.body ==
        "The city council voted 7-2 on Wednesday to keep the Eastside library open.\n"
        "Residents had collected more than 4,000 signatures, and a petition was delivered to "
        "City Hall last month.\n"
        "The library will now stay open at least until 2021.");
  for (const char* clutter :
       {"Share this", "Twitter", "Advertisement", "The Eastside library\n", "<p>", "library.jpg"}) {
    INFO(clutter);
    CHECK_FALSE(contains(library.body, clutter));
  }

  const Article& strike = result.articles[1];
  CHECK(strike.id == "https://ledger.example/2019/05/09/rail-strike/");
  CHECK(strike.url == "https://ledger.example/2019/05/09/rail-strike/");
  CHECK(strike.date == "2019-05-09");
  CHECK(strike.author == "Jo Park");
  CHECK(strike.body == "Unions called off Friday's strike after a late pay offer & talks.");

  const Article& ferry = result.articles[2];
  CHECK(ferry.id == "https://ledger.example/2019/05/09/ferries/");
  CHECK(ferry.url == "https://ledger.example/2019/05/09/ferries/");  // a permalink guid
  CHECK(ferry.date == "2019-05-09");                                 // dc:date
  CHECK(ferry.author.empty());
  CHECK(ferry.body ==
        "Ferries to the islands will run hourly from June.\n"
        "The operator said demand had doubled.");

  CHECK(result.warnings == std::vector<std::string>{"item 4: no title or text"});
}

TEST_CASE("Atom feed", "[formats]") {
  const ReadResult result = read_feed_bytes(read_file("chronicle.atom"));
  REQUIRE(result.articles.size() == 3);

  const Article& storm = result.articles[0];
  CHECK(storm.id == "tag:northern-chronicle.example,2020:storm-ciara");
  CHECK(storm.title == "Storm Ciara: flights cancelled as winds batter UK");
  CHECK(storm.date == "2020-02-09");  // published, not updated
  CHECK(storm.author == "Jane Holloway, Sam Patel");
  CHECK(storm.url == "https://northern-chronicle.example/uk/2020/feb/09/storm-ciara");
  CHECK(storm.source == "Northern Chronicle");
  CHECK(storm.lang == "en");
  CHECK(storm.body ==
        "Hundreds of flights have been cancelled as Storm Ciara brought gusts of more than "
        "90mph.\n"
        "The Met Office issued amber warnings for wind across England and Wales.");

  const Article& floods = result.articles[1];
  CHECK(floods.id == "tag:northern-chronicle.example,2020:floods");
  CHECK(floods.date == "2020-02-10");         // updated
  CHECK(floods.author == "Chronicle Staff");  // the feed's author
  CHECK(floods.url == "https://northern-chronicle.example/uk/2020/feb/10/floods");
  CHECK(floods.body ==
        "More than 100 flood warnings remained in place on Monday morning.\n"
        "The Environment Agency urged people to stay away from swollen rivers.");

  const Article& roads = result.articles[2];
  CHECK(roads.title == "Roads reopen");
  CHECK(roads.url.empty());
  CHECK(roads.body ==
        "Most roads in the county reopened on Tuesday.\n"
        "Gritters were out overnight.");
  CHECK(result.warnings.empty());
}

TEST_CASE("RSS 1.0 and a lone Atom entry", "[formats]") {
  const ReadResult rdf = read_feed_bytes(
      R"(<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
         xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://old.example/"><title>Old Wire</title></channel>
  <item rdf:about="https://old.example/1">
    <title>Dam finished</title><link>https://old.example/1</link>
    <description>The dam was finished.</description>
    <dc:date>2004-06-01</dc:date><dc:creator>Kim Ode</dc:creator>
  </item>
</rdf:RDF>)");
  REQUIRE(rdf.articles.size() == 1);
  CHECK(rdf.articles[0].title == "Dam finished");
  CHECK(rdf.articles[0].id == "https://old.example/1");
  CHECK(rdf.articles[0].date == "2004-06-01");
  CHECK(rdf.articles[0].author == "Kim Ode");
  CHECK(rdf.articles[0].source == "Old Wire");

  const ReadResult entry = read_feed_bytes(
      R"(<entry xmlns="http://www.w3.org/2005/Atom"><id>urn:x:1</id><title>Solo</title>
<summary type="html">&lt;p&gt;One entry.&lt;/p&gt;</summary></entry>)");
  REQUIRE(entry.articles.size() == 1);
  CHECK(entry.articles[0].id == "urn:x:1");
  CHECK(entry.articles[0].body == "One entry.");
}

TEST_CASE("feeds: external entities are never read", "[formats]") {
  const ReadResult result = read_feed_bytes(read_file("xxe.rss"));
  REQUIRE(result.articles.size() == 1);
  const Article& a = result.articles[0];
  for (const std::string* field :
       {&a.id, &a.title, &a.date, &a.author, &a.source, &a.url, &a.body, &a.lang}) {
    CHECK_FALSE(contains(*field, "root:"));
  }
  CHECK(a.title == "Title");
  CHECK(a.source == "Evil");
  CHECK(a.author.empty());
  CHECK(a.body == "Body text.");
}

TEST_CASE("feeds: no items is an error", "[formats]") {
  const auto invalid = [](std::string_view bytes) {
    CAPTURE(bytes);
    const auto error = error_from([&] { read_feed_bytes(bytes); });
    REQUIRE(error);
    CHECK(error->code() == ErrorCode::kInvalidArgument);
    return std::string(error->what());
  };
  CHECK(invalid("<rss version=\"2.0\"><channel><title>Quiet</title></channel></rss>") ==
        "feed has no items");
  CHECK(invalid("<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><id>1</id></entry></feed>") ==
        "no feed entry has a title or text");
  invalid("<html><body>not a feed</body></html>");
  invalid("");
}

TEST_CASE("an XML file is cut only after a whole record at the records' depth",
          "[formats][stream]") {
  using morgue::indexer::xml_cut;
  // Markup that looks like a record's end without being one: in CDATA, a comment, an attribute
  // value, a processing instruction; a stray '<' in text; an item nested in an item; an empty
  // item.
  const std::string head =
      "<?xml version=\"1.0\" encoding=\"windows-1252\"?>\n<!DOCTYPE rss [<!ENTITY w \"x>\">]>\n"
      "<rss version=\"2.0\" xmlns:media=\"http://search.yahoo.com/mrss/\">\n<channel>\n"
      "<title>Wire &amp; more</title><!-- </item> -->\n";
  const std::vector<std::string> records = {
      "<item><title>One</title><description><![CDATA[a </item> b]]></description></item>",
      "\n<item><title a=\"</item>\">Two < three</title><?pi </item>?></item>",
      "\n<item><media:group><item>inner</item></media:group><title>Four</title></item>",
      "\n<item/>",
      "\n<item><title>Six</title></item>",
  };
  std::string file = head;
  std::vector<std::size_t> record_ends;
  for (const std::string& record : records) {
    file += record;
    record_ends.push_back(file.size());
  }
  file += "\n</channel>\n</rss>\n";

  for (std::size_t n = 0; n <= file.size(); ++n) {
    CAPTURE(n);
    const auto cut = xml_cut(std::string_view(file).substr(0, n), 0);
    CHECK_FALSE(cut.never);
    std::size_t expected = 0;
    std::size_t count = 0;
    for (std::size_t i = 0; i < record_ends.size(); ++i) {
      if (record_ends[i] <= n) {
        expected = record_ends[i];
        count = i + 1;
      }
    }
    CHECK(cut.end == expected);
    CHECK(cut.records == count);
    if (n > head.size() + 6) {  // the first start tag is whole
      CHECK(cut.depth == 3);
      CHECK(cut.head_end == head.size());
      CHECK(cut.close == "</channel></rss>");
    }
  }
  // A later piece, at the records' depth, from just after a record; the end tags after the
  // last record are no record.
  const std::string rest = file.substr(record_ends[1]);
  const auto later = xml_cut(rest, 3);
  CHECK(later.end == record_ends.back() - record_ends[1]);
  CHECK(later.records == 3);
  CHECK(xml_cut("\n</channel>\n</rss>\n", 3).records == 0);

  // Atom entries are the feed's children; NewsML-G2 items are in an item set.
  const auto atom = xml_cut(
      "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>T</title>"
      "<entry><title>A</title></entry><entry/></feed>",
      0);
  CHECK(atom.depth == 2);
  CHECK(atom.records == 2);
  CHECK(atom.close == "</feed>");
  const auto g2 = xml_cut(
      "<newsMessage><header/><itemSet><newsItem guid=\"a\"></newsItem>"
      "</itemSet></newsMessage>",
      0);
  CHECK(g2.records == 1);
  CHECK(g2.close == "</itemSet></newsMessage>");
  // UTF-16: not cut.
  CHECK(xml_cut(std::string_view("\xFF\xFE<\0r\0", 6), 0).never);
  // No record at all (a NITF document): nothing to cut after.
  CHECK(xml_cut("<nitf><head/><body><p>x</p></body></nitf>", 0).end == 0);
}

TEST_CASE("a piece of a feed reads like the same items of the whole", "[formats][stream]") {
  // The file's head declares Windows-1252; a later piece is read after it and before the end
  // tags it lacks, and numbers its items after the earlier pieces'.
  const std::string head =
      "<?xml version=\"1.0\" encoding=\"windows-1252\"?>\n<rss version=\"2.0\"><channel>"
      "<title>Caf\xE9 Wire</title><language>fr</language>\n";
  const std::string piece =
      "<item><title>March\xE9 du caf\xE9</title><description>Les cours montent.</description>"
      "</item>\n<item><link>https://x.example/</link></item>";
  ReadContext context;
  context.head = head;
  context.xml_close = "</channel></rss>";
  context.records_before = 40;
  context.bytes_before = 5000;
  std::vector<Article> articles;
  std::vector<std::string> warnings;
  context.warn = [&warnings](std::string message) { warnings.push_back(std::move(message)); };
  morgue::indexer::read_feed(Source{"wire.rss", "wire.rss", piece}, context,
                             [&articles](Article&& a) { articles.push_back(std::move(a)); });
  REQUIRE(articles.size() == 1);
  CHECK(articles[0].title == "March\xC3\xA9 du caf\xC3\xA9");
  CHECK(articles[0].source == "Caf\xC3\xA9 Wire");
  CHECK(articles[0].lang == "fr");
  CHECK(warnings == std::vector<std::string>{"item 42: no title or text"});
}
