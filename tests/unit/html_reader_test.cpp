// SPDX-License-Identifier: GPL-2.0-or-later
// Tests of the HTML article reader against sample news pages and hostile markup.
#include <catch2/catch.hpp>
#include <fstream>
#include <functional>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "morgue/article.h"
#include "morgue/error.h"
#include "morgue/text.h"
#include "readers.h"

namespace {

using morgue::Article;
using morgue::Error;
using morgue::ErrorCode;
using morgue::indexer::read_html_article;

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE(in.good());
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

Article read_sample(const std::string& name) {
  return read_html_article(read_file(std::string(MORGUE_TEST_DATA_DIR) + "/html/" + name));
}

bool contains(std::string_view haystack, std::string_view needle) {
  return haystack.find(needle) != std::string_view::npos;
}

bool is_valid_utf8(std::string_view s) { return morgue::text::repair_utf8(s).invalid_bytes == 0; }

// The Error a call throws, or nullopt when it returns.
std::optional<Error> error_from(const std::function<void()>& call) {
  try {
    call();
  } catch (const Error& e) {
    return e;
  }
  return std::nullopt;
}

void check_all_fields_valid_utf8(const Article& a) {
  CHECK(is_valid_utf8(a.title));
  CHECK(is_valid_utf8(a.date));
  CHECK(is_valid_utf8(a.author));
  CHECK(is_valid_utf8(a.source));
  CHECK(is_valid_utf8(a.url));
  CHECK(is_valid_utf8(a.body));
}

// Reading hostile input may fail, but only with kInvalidArgument, and must not crash.
void check_survives(std::string_view bytes) {
  try {
    const Article a = read_html_article(bytes);
    check_all_fields_valid_utf8(a);
  } catch (const Error& e) {
    CHECK(e.code() == ErrorCode::kInvalidArgument);
  }
}

}  // namespace

TEST_CASE("HTML page with Open Graph metadata", "[html]") {
  const Article a = read_sample("guardian_style.html");
  CHECK(a.title == "Storm Ciara: flights cancelled as 90mph winds batter UK");
  CHECK(a.date == "2020-02-09");
  CHECK_FALSE(a.date_inferred);
  CHECK(a.author == "Jane Holloway");
  CHECK(a.url ==
        "https://www.northern-chronicle.example/uk-news/2020/feb/09/storm-ciara-flights-cancelled");
  CHECK(a.source == "The Northern Chronicle");
  CHECK(a.id.empty());
  CHECK(a.path.empty());
  CHECK(a.content_hash.empty());

  CHECK(a.body ==
        "Hundreds of flights have been cancelled and rail passengers warned not to travel as "
        "Storm Ciara brought gusts of more than 90mph to parts of the UK.\n"
        "The Met Office issued amber warnings for wind across England and Wales, saying flying "
        "debris could cause injuries and damage to buildings.\n"
        "Network Rail said engineers were working to clear fallen trees from lines, and several "
        "operators told customers to postpone journeys until Monday.\n"
        "Flood warnings\n"
        "The Environment Agency had more than 100 flood warnings in place on Sunday afternoon, "
        "mostly in the north of England.");
  for (const char* clutter : {"Opinion",
                              "Lifestyle",
                              "Advertisement",
                              "Share on",
                              "cookies",
                              "SCRIPT-CONTENT",
                              "font-family",
                              "dataLayer",
                              "Photograph",
                              "Waves crash",
                              "Storm Dennis",
                              "Related",
                              "Most viewed",
                              "newsletter",
                              "Sign up",
                              "All rights reserved",
                              "Skip to main content",
                              "UK news",
                              "Flooding",
                              "Jane Holloway"}) {
    INFO(clutter);
    CHECK_FALSE(contains(a.body, clutter));
  }
}

TEST_CASE("HTML page with only <title> and <time datetime>", "[html]") {
  const Article a = read_sample("title_time.html");
  CHECK(a.title == "Council approves new bridge plan");
  CHECK(a.date == "2018-11-03");  // Inside <main>, not the earlier teaser's 2018-11-05.
  CHECK_FALSE(a.date_inferred);
  CHECK(a.author == "Tom Baker");
  CHECK(a.url.empty());
  CHECK(a.source.empty());

  CHECK(contains(a.body, "The city council voted 6-1 on Friday to approve a $14 million plan"));
  CHECK(contains(a.body, "Construction is expected to begin next spring"));
  CHECK(contains(
      a.body, "\u201cThis bridge has been a worry for years,\u201d said council member Ana Ruiz."));
  CHECK(contains(a.body, "who said the city should have sought more bids."));
  for (const char* clutter :
       {"Obituaries", "Latest stories", "School board", "Tweet", "Email this", "Advertisement",
        "Comments", "Log in", "Main St", "_gaq", "#masthead", "By Tom Baker", "Staff Writer"}) {
    INFO(clutter);
    CHECK_FALSE(contains(a.body, clutter));
  }
}

TEST_CASE("HTML 4 page with only <h1> and <meta name=date>", "[html]") {
  const Article a = read_sample("h1_metadate.html");
  CHECK(a.title == "Harbour festival draws record crowds");
  CHECK(a.date == "2009-07-14");
  CHECK_FALSE(a.date_inferred);
  CHECK(a.author == "Maria Lopez");
  CHECK(a.url == "http://www.coastweekly.example/news/2009/07/harbour-festival.html");
  CHECK(a.source.empty());

  // The <h1> is the title, so the body does not repeat it.
  CHECK(
      a.body.starts_with("More than 40,000 people visited the harbour festival over the "
                         "weekend, organisers said, beating the previous record"));
  CHECK(contains(a.body, "Story by Maria Lopez."));
  CHECK(contains(a.body, "\"We ran out of chips twice,\" said one cafe owner on the quay."));
  CHECK(a.body.ends_with("The festival will return next July."));
  CHECK_FALSE(contains(a.body, "record crowds"));
  for (const char* clutter : {"Home", "Classifieds", "Events", "Weather", "Sunny", "Subscribe",
                              "Get 12 issues", "Copyright", "Privacy"}) {
    INFO(clutter);
    CHECK_FALSE(contains(a.body, clutter));
  }
}

TEST_CASE("HTML page declared ISO-8859-1 with raw Latin-1 bytes", "[html]") {
  const std::string bytes = read_file(std::string(MORGUE_TEST_DATA_DIR) + "/html/latin1.html");
  REQUIRE(contains(bytes, "\xA3"));  // The sample really is Latin-1, not UTF-8.
  const Article a = read_html_article(bytes);
  check_all_fields_valid_utf8(a);
  // " \x96 Harbourside Echo": a Windows-1252 en dash, as Latin-1 pages really carry them.
  CHECK(a.title == "Caf\u00e9 owners fear \u00a32 coffee levy");
  CHECK(a.author == "Ren\u00e9 Dupont");
  CHECK(a.url == "http://www.harbourside-echo.example/2015/03/cafe-coffee-levy.html");
  CHECK(a.source.empty());
  // No date in the metadata: the first date in the text, marked as inferred.
  CHECK(a.date == "2015-03-12");
  CHECK(a.date_inferred);

  CHECK(a.body.starts_with("Owners of the harbour\u2019s caf\u00e9s say a proposed \u00a32 levy"));
  CHECK(contains(a.body, "\u201cA caf\u00e9 cr\u00e8me already costs \u00a32.80 here,\u201d"));
  CHECK(contains(a.body, "about \u00a3150,000 a year"));
  for (const char* clutter : {"Publicit", "Accueil", "Partager", "Tous droits", "document.write"}) {
    INFO(clutter);
    CHECK_FALSE(contains(a.body, clutter));
  }
  // No C1 control characters (U+0080-U+009F) leak from the 0x80-0x9F bytes.
  for (std::size_t i = 0; i + 1 < a.body.size(); ++i) {
    const auto lead = static_cast<unsigned char>(a.body[i]);
    const auto next = static_cast<unsigned char>(a.body[i + 1]);
    CHECK_FALSE((lead == 0xC2 && next >= 0x80 && next <= 0x9F));
  }
}

TEST_CASE("HTML page without article text throws", "[html]") {
  const auto error = error_from([] { (void)read_sample("no_text.html"); });
  REQUIRE(error.has_value());
  CHECK(error->code() == ErrorCode::kInvalidArgument);
  CHECK(std::string(error->what()) == "HTML page has a title but no article text");

  const auto untitled = error_from([] {
    (void)read_html_article(
        "<html><head><script>var x = 1;</script></head>"
        "<body><nav><a href=\"/\">Home</a></nav><div class=\"ad-slot\">Advertisement</div>"
        "</body></html>");
  });
  REQUIRE(untitled.has_value());
  CHECK(untitled->code() == ErrorCode::kInvalidArgument);
  CHECK(std::string(untitled->what()) == "no article text in HTML");

  const auto empty = error_from([] { (void)read_html_article(""); });
  REQUIRE(empty.has_value());
  CHECK(empty->code() == ErrorCode::kInvalidArgument);

  // The headline alone is no article: the <h1> is the title and leaves the body empty.
  const auto headline_only = error_from([] {
    (void)read_html_article(
        "<html><body><article><h1>Just a headline</h1></article></body></html>");
  });
  REQUIRE(headline_only.has_value());
  CHECK(headline_only->code() == ErrorCode::kInvalidArgument);
}

TEST_CASE("HTML reader survives garbage and tag soup", "[html]") {
  check_survives(std::string_view("\x00\x01<<<>>>", 8));
  check_survives("<html><body><p>Unclosed <b>bold <i>text <div class=\"ad");
  check_survives("<<p>>>&&&#xFFFFFFFF;&#0;&bogus;<p</p><!-- never closed");
  check_survives("</body></html><p>After the end</p>");
  check_survives(std::string_view("\xFF\xFE<\x00p\x00>\x00", 8));  // Truncated UTF-16.
  check_survives("<meta charset=\"x-no-such-charset\"><p>Caf\xE9</p>");
  check_survives(std::string(5000, '<'));
  std::string deep;
  for (int i = 0; i < 20000; ++i) deep += "<div><span>";
  deep += "<p>Deep text.</p>";
  check_survives(deep);

  // Recovered tag soup still yields its text.
  const Article a = read_html_article("<p>First paragraph <b>bold <i>and italic<p>Second one");
  CHECK(a.body == "First paragraph bold and italic\nSecond one");
}

TEST_CASE("HTML title sources and site-name suffixes", "[html]") {
  SECTION("og:title wins over <title> and <h1>") {
    const Article a = read_html_article(
        "<html><head><title>Tab title | Site</title>"
        "<meta property=\"og:title\" content=\"  Open  Graph   title \"></head>"
        "<body><h1>Heading</h1><p>Text.</p></body></html>");
    CHECK(a.title == "Open Graph title");
  }
  SECTION("the last short suffix is stripped") {
    const Article a =
        read_html_article("<title>Brexit - the deal explained | Evening Post</title><p>Text.</p>");
    CHECK(a.title == "Brexit - the deal explained");
  }
  SECTION("a long suffix is part of the title") {
    const Article a = read_html_article(
        "<title>Budget 2021 - what the chancellor announced for pensions and savers</title>"
        "<p>Text.</p>");
    CHECK(a.title == "Budget 2021 - what the chancellor announced for pensions and savers");
  }
  SECTION("a title that would become empty is kept") {
    const Article a = read_html_article("<title> - Evening Post</title><p>Text.</p>");
    CHECK(a.title == "- Evening Post");
  }
  SECTION("without <title>, the first <h1> in the article, not the logo") {
    const Article a = read_html_article(
        "<body><header><h1 class=\"logo\">Evening Post</h1></header>"
        "<article><h1>Mayor resigns</h1><p>The mayor resigned on Monday.</p></article></body>");
    CHECK(a.title == "Mayor resigns");
    CHECK(a.body == "The mayor resigned on Monday.");
  }
}

TEST_CASE("HTML date sources", "[html]") {
  SECTION("meta name=dcterms.date") {
    const Article a = read_html_article(
        R"(<meta name="DCTERMS.date" content="Wed, 08 May 2019 10:15:00 GMT"><p>Text.</p>)");
    CHECK(a.date == "2019-05-08");
    CHECK_FALSE(a.date_inferred);
  }
  SECTION("microdata datePublished on a visible element") {
    const Article a = read_html_article(
        "<article><span itemprop=\"datePublished\" content=\"2017-01-20\">Jan 20</span>"
        "<p>Text.</p></article>");
    CHECK(a.date == "2017-01-20");
  }
  SECTION("JSON-LD datePublished") {
    const Article a = read_html_article(
        "<script type=\"application/ld+json\">{\"@type\": \"NewsArticle\", "
        "\"datePublished\" : \"2021-06-30T12:00:00+02:00\"}</script><p>Text.</p>");
    CHECK(a.date == "2021-06-30");
    CHECK_FALSE(a.date_inferred);
  }
  SECTION("an unparseable meta date falls through to <time>") {
    const Article a = read_html_article(
        "<meta name=\"date\" content=\"yesterday\"><p>Text <time datetime=\"2012-12-21\">then"
        "</time>.</p>");
    CHECK(a.date == "2012-12-21");
  }
  SECTION("no metadata: the date in the text, inferred") {
    const Article a = read_html_article("<p>The vote on May 8, 2019 was close.</p>");
    CHECK(a.date == "2019-05-08");
    CHECK(a.date_inferred);
  }
  SECTION("no date at all") {
    const Article a = read_html_article("<p>Undated text.</p>");
    CHECK(a.date.empty());
    CHECK_FALSE(a.date_inferred);
  }
}

TEST_CASE("HTML author sources", "[html]") {
  SECTION("article:author URLs are skipped for the byline") {
    const Article a = read_html_article(
        "<meta property=\"article:author\" content=\"https://facebook.example/jdoe\">"
        "<article><div class=\"article-byline\">by: Jo Doe<time>May 1</time></div>"
        "<p>Text.</p></article>");
    CHECK(a.author == "Jo Doe");
    CHECK(a.body == "Text.");
  }
  SECTION("article:author names are used") {
    const Article a =
        read_html_article(R"(<meta property="article:author" content="Sam Reyes"><p>Text.</p>)");
    CHECK(a.author == "Sam Reyes");
  }
}

TEST_CASE("HTML body root and clutter detection", "[html]") {
  SECTION("the <article> with the most text") {
    const Article a = read_html_article(
        "<body><article><p>Short teaser.</p></article>"
        "<article><p>The real story, which is much longer than the teaser.</p>"
        "<p>Second paragraph.</p></article></body>");
    CHECK(a.body == "The real story, which is much longer than the teaser.\nSecond paragraph.");
  }
  SECTION("<article> teasers inside furniture are not candidates") {
    const Article a = read_html_article(
        "<body><aside class=\"related\"><article><p>A teaser with quite a lot of words in it, "
        "more than the story itself has.</p></article></aside>"
        "<main><p>The story.</p></main></body>");
    CHECK(a.body == "The story.");
  }
  SECTION("itemprop=articleBody") {
    const Article a = read_html_article(
        "<body><div class=\"masthead\">Masthead</div>"
        "<div itemprop=\"articleBody\"><p>Body text.</p></div></body>");
    CHECK(a.body == "Body text.");
  }
  SECTION("class and id words, not substrings") {
    const Article a = read_html_article(
        "<body class=\"single has-sidebar\">"
        "<p class=\"lead\">Lead kept.</p>"
        "<div class=\"thread navy\">Thread kept.</div>"
        "<div class=\"headline-wrapper\">Headline kept.</div>"
        "<div class=\"no-ads\"><p>Modifier kept.</p></div>"
        "<div class=\"article-header\">Header dropped</div>"
        "<div class=\"c-ad--top\">Ad dropped</div>"
        "<div class=\"shareButtons\">Camel dropped</div>"
        "<div id=\"mainNav\">Nav dropped</div>"
        "<ul id=\"topmenu\"><li>Menu dropped</li></ul>"
        "<div class=\"Cookie_Notice\">Cookie dropped</div>"
        "<div role=\"navigation\">Role dropped</div>"
        "<div hidden>Hidden dropped</div>"
        "</body>");
    CHECK(a.body == "Lead kept.\nThread kept.\nHeadline kept.\nModifier kept.");
  }
  SECTION("block elements end lines, inline ones do not") {
    const Article a = read_html_article(
        "<article><p>One <b>two</b> <a href=\"#\">three</a></p>text<br>after break"
        "<ul><li>item 1</li><li>item 2</li></ul><table><tr><td>a</td><td>b</td></tr></table>"
        "<pre>line 1\nline 2</pre></article>");
    CHECK(a.body == "One two three\ntext\nafter break\nitem 1\nitem 2\na b\nline 1\nline 2");
  }
  SECTION("entities are decoded") {
    const Article a = read_html_article(
        "<p>Fish &amp; chips &eacute;t&eacute; &#8217;n&#x2019; &#150; &nbsp;done &lt;b&gt;</p>");
    CHECK(a.body == "Fish & chips \u00e9t\u00e9 \u2019n\u2019 \u2013 done <b>");
  }
  SECTION("stray Latin-1 bytes in an undeclared page") {
    const Article a = read_html_article(
        "<p>Caf\xE9 au lait costs \xA3"
        "3.</p>");
    CHECK(a.body == "Caf\u00e9 au lait costs \u00a33.");
  }
  SECTION("UTF-8 page with a byte order mark and a declaration") {
    const Article a =
        read_html_article("\xEF\xBB\xBF<meta charset=\"utf-8\"><p>Caf\u00e9 \u00a33</p>");
    CHECK(a.body == "Caf\u00e9 \u00a33");
  }
}

TEST_CASE("HTML reader is safe to call from several threads", "[html]") {
  const std::string page = read_file(std::string(MORGUE_TEST_DATA_DIR) + "/html/latin1.html");
  std::vector<std::string> titles(4);
  std::vector<std::thread> threads;
  threads.reserve(titles.size());
  for (std::string& title : titles) {
    threads.emplace_back([&page, &title] {
      for (int i = 0; i < 20; ++i) title = read_html_article(page).title;
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (const std::string& title : titles) {
    CHECK(title == "Caf\u00e9 owners fear \u00a32 coffee levy");
  }
}

TEST_CASE("a dash inside a headline is not taken for a site suffix", "[html]") {
  const auto title_of = [](const std::string& head, const std::string& body) {
    return read_html_article("<html><head>" + head + "</head><body>" + body +
                             "<p>Some article text here.</p></body></html>")
        .title;
  };
  CHECK(title_of("<title>Covid-19 - what we know</title>", "") == "Covid-19 - what we know");
  CHECK(title_of("<title>Covid-19 - what we know - Daily Ledger</title>", "") ==
        "Covid-19 - what we know");
  CHECK(title_of("<title>Rates rise - markets react</title>", "<h1>Rates rise</h1>") ==
        "Rates rise");
  CHECK(title_of("<title>Rates rise - the ledger</title><meta property=\"og:site_name\" "
                 "content=\"The Ledger\">",
                 "") == "Rates rise");
}

TEST_CASE("html_fragment_text gives the clean text of a fragment", "[html][formats]") {
  using morgue::indexer::html_fragment_text;
  CHECK(html_fragment_text("<p>One <b>two</b></p><figure><img src=\"x.jpg\"><figcaption>Caption"
                           "</figcaption></figure><div class=\"share-tools\">Share</div>"
                           "<p>Three &amp; four</p><p>Advertisement</p><script>x()</script>") ==
        "One two\nThree & four");
  CHECK(html_fragment_text("Plain text, no tags") == "Plain text, no tags");
  // The text is UTF-8 already; a declared charset must not re-decode it.
  CHECK(html_fragment_text("<meta charset=\"iso-8859-1\"><p>Caf\u00e9 \u00a33</p>") ==
        "Caf\u00e9 \u00a33");
  CHECK(html_fragment_text("").empty());
  CHECK(html_fragment_text("<div><script>only()</script></div>").empty());
}
