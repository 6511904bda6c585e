// SPDX-License-Identifier: GPL-2.0-or-later
// Scores EntityExtractor against the PLACES, PEOPLE and ORGS tags of Reuters-21578 and times it.
//
// Protocol. The tags say what an article is about, not every name in it, so an untagged
// mention is not necessarily a wrong one. Per article and per type, the predicted set is the
// set of tag codes (of the collection's vocabulary for that type) that some extracted entity
// resolves to; extracted entities outside the vocabulary (a company, a person the annotators
// never tag) are ignored. Scored over the articles with at least one tag of the type:
// TP = predicted and tagged, FP = predicted but not tagged, FN = tagged but not predicted.
// "P all" adds the FPs of articles with no tag of the type (strict: an untagged article
// mentioning Reagan counts against the extractor). Resolution: a place resolves to a code when
// its name, or the country of the city or region it names ("London" -> United Kingdom), is the
// code's country; "strict" rows use the name only. A person resolves to a code by surname (the
// code's last word: "james-baker" -> Baker). An organisation resolves by canonical name.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "entities.h"
#include "entity_places.h"
#include "format_readers.h"
#include "formats.h"
#include "morgue/internal/entity_key.h"
#include "readers.h"

namespace {

using morgue::entity::name_key;

std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Place codes whose names differ from the extractor's canonical names (others: '-' -> ' ').
const std::map<std::string, std::vector<std::string>> kPlaceNames = {
    {"usa", {"United States"}},
    {"uk", {"United Kingdom"}},
    {"ussr", {"Soviet Union", "Russia"}},
    {"west-germany", {"West Germany", "Germany"}},
    {"east-germany", {"East Germany"}},
    {"uae", {"United Arab Emirates"}},
    {"ivory-coast", {"Côte d'Ivoire"}},
    {"burma", {"Myanmar"}},
    {"zaire", {"Democratic Republic of the Congo"}},
    {"congo", {"Congo"}},
    {"kampuchea", {"Cambodia"}},
    {"cape-verde", {"Cabo Verde"}},
    {"swaziland", {"Eswatini"}},
    {"vatican", {"Holy See"}},
    {"trinidad-tobago", {"Trinidad and Tobago"}},
    {"antigua", {"Antigua and Barbuda"}},
    {"western-samoa", {"Samoa"}},
    {"macao", {"Macao", "Macau"}},
    {"yemen-arab-republic", {"Yemen"}},
    {"yemen-demo-republic", {"Yemen"}},
    {"netherlands-antilles", {"Netherlands Antilles", "Curaçao"}},
    {"us-virgin-islands", {"US Virgin Islands"}},
    {"british-virgin-islands", {"British Virgin Islands"}},
    {"czechoslovakia", {"Czechoslovakia", "Czechia", "Slovakia"}},
    {"yugoslavia", {"Yugoslavia"}},
};

// Organisation codes and the canonical names the extractor gives them.
const std::map<std::string, std::vector<std::string>> kOrgNames = {
    {"adb-africa", {"African Development Bank"}},
    {"adb-asia", {"Asian Development Bank"}},
    {"aibd", {"AIBD", "Association of International Bond Dealers"}},
    {"aid", {"Agency for International Development"}},
    {"anrpc", {"Association of Natural Rubber Producing Countries"}},
    {"asean", {"ASEAN"}},
    {"atpc", {"Association of Tin Producing Countries"}},
    {"bis", {"Bank for International Settlements"}},
    {"cipec", {"CIPEC"}},
    {"comecon", {"Comecon"}},
    {"ec", {"European Community", "European Union"}},
    {"eca", {"Economic Commission for Africa"}},
    {"ecafe", {"ECAFE"}},
    {"ece", {"Economic Commission for Europe"}},
    {"ecla", {"Economic Commission for Latin America"}},
    {"ecsc", {"European Coal and Steel Community"}},
    {"ecwa", {"Economic Commission for Western Asia"}},
    {"efta", {"EFTA"}},
    {"eib", {"European Investment Bank"}},
    {"emcf", {"European Monetary Cooperation Fund"}},
    {"escap", {"ESCAP", "Economic and Social Commission for Asia and the Pacific"}},
    {"euratom", {"Euratom"}},
    {"fao", {"Food and Agriculture Organization"}},
    {"gatt", {"GATT"}},
    {"gcc", {"Gulf Cooperation Council"}},
    {"geplacea", {"GEPLACEA"}},
    {"iaea", {"International Atomic Energy Agency"}},
    {"iata", {"International Air Transport Association"}},
    {"icco", {"International Cocoa Organization"}},
    {"ico-coffee", {"International Coffee Organization"}},
    {"ico-islam", {"Islamic Conference", "Organisation of the Islamic Conference"}},
    {"ida", {"International Development Association"}},
    {"iea", {"International Energy Agency"}},
    {"iisi", {"International Iron and Steel Institute"}},
    {"ilo", {"International Labour Organization"}},
    {"ilzsg", {"International Lead and Zinc Study Group"}},
    {"imco", {"IMCO"}},
    {"imf", {"International Monetary Fund"}},
    {"inro", {"International Natural Rubber Organization"}},
    {"irsg", {"International Rubber Study Group"}},
    {"isa", {"International Sugar Organization"}},
    {"itc", {"International Tin Council"}},
    {"iwc-whale", {"International Whaling Commission"}},
    {"iwc-wheat", {"International Wheat Council"}},
    {"iwcc", {"International Wrought Copper Council"}},
    {"iws", {"International Wool Secretariat"}},
    {"iwto", {"International Wool Textile Organisation"}},
    {"lafta", {"LAFTA", "Latin American Free Trade Association"}},
    {"mfa", {"MFA", "Multifibre Arrangement", "Multi-Fibre Arrangement"}},
    {"oapec", {"OAPEC"}},
    {"oecd", {"OECD"}},
    {"opec", {"OPEC"}},
    {"un", {"United Nations"}},
    {"unctad", {"UNCTAD"}},
    {"who", {"World Health Organization"}},
    {"worldbank", {"World Bank"}},
};

struct Counts {
  long tp = 0, fp = 0, fn = 0, fp_untagged = 0, articles = 0;
  std::map<std::string, long> fn_codes, fp_codes;
};

double ratio(long a, long b) {
  return b == 0 ? 0.0 : static_cast<double>(a) / static_cast<double>(b);
}

void score(Counts& c, const std::set<std::string>& gold, const std::set<std::string>& pred) {
  if (gold.empty()) {
    c.fp_untagged += static_cast<long>(pred.size());
    return;
  }
  ++c.articles;
  for (const auto& p : pred) {
    if (gold.contains(p)) {
      ++c.tp;
    } else {
      ++c.fp;
      ++c.fp_codes[p];
    }
  }
  for (const auto& g : gold) {
    if (!pred.contains(g)) {
      ++c.fn;
      ++c.fn_codes[g];
    }
  }
}

std::vector<std::pair<long, std::string>> top(const std::map<std::string, long>& m, std::size_t n) {
  std::vector<std::pair<long, std::string>> v;
  for (const auto& [k, c] : m) v.push_back({c, k});
  std::sort(v.rbegin(), v.rend());
  if (v.size() > n) v.resize(n);
  return v;
}

}  // namespace

int main(int argc, char** argv) {
  std::filesystem::path dir = MORGUE_REUTERS_DIR;
  bool verbose = false;
  long dump = 0;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "-v") {
      verbose = true;
    } else if (a == "--text" && i + 1 < argc) {
      // Prints the entities of one plain-text article (title line, body), as the indexer reads it.
      const morgue::Article art = morgue::indexer::read_text_article(slurp(argv[++i]));
      for (const auto& e :
           morgue::indexer::EntityExtractor::shared().extract(art.title, art.body)) {
        std::printf("%-7s %-30s x%u @%u [", e.type.c_str(), e.name.c_str(), e.count,
                    e.first_position);
        for (const auto& al : e.aliases) std::printf(" %s:%u", al.surface.c_str(), al.count);
        std::printf(" ]\n");
      }
      return 0;
    } else if (a == "--dump" && i + 1 < argc) {
      dump = std::stol(argv[++i]);
    } else {
      dir = a;
    }
  }
  using namespace morgue;
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    const std::string name = e.path().filename().string();
    if (name.starts_with("reut2-") && name.ends_with(".sgm")) files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  if (files.empty()) {
    std::cerr << "no reut2-*.sgm in " << dir << "\n";
    return 2;
  }
  std::vector<Article> articles;
  for (const auto& f : files) {
    const std::string bytes = slurp(f);
    indexer::Source source{.path = f.string(), .id = f.filename().string(), .bytes = bytes};
    indexer::read_source(indexer::Format::kReutersSgml, source, {},
                         [&](Article&& a) { articles.push_back(std::move(a)); });
  }

  const auto load_start = std::chrono::steady_clock::now();
  const indexer::EntityExtractor& extractor = indexer::EntityExtractor::shared();
  const double load_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - load_start).count();
  (void)indexer::country_of_place("Iran");

  std::vector<std::vector<ArticleEntity>> extracted(articles.size());
  double bytes = 0;
  const auto start = std::chrono::steady_clock::now();
  for (std::size_t i = 0; i < articles.size(); ++i) {
    extracted[i] = extractor.extract(articles[i].title, articles[i].body);
    bytes += static_cast<double>(articles[i].title.size() + 1 + articles[i].body.size());
  }
  const double secs =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  // Name keys -> codes, per type.
  std::map<std::string, std::set<std::string>> place_codes, org_codes, person_codes;
  auto codes_of = [&](const std::string& file) {
    std::vector<std::string> out;
    std::istringstream in(slurp(dir / file));
    std::string line;
    while (std::getline(in, line)) {
      while (!line.empty() && (line.back() == ' ' || line.back() == '\r')) line.pop_back();
      if (!line.empty()) out.push_back(line);
    }
    return out;
  };
  for (const auto& code : codes_of("all-places-strings.lc.txt")) {
    std::vector<std::string> names;
    if (auto it = kPlaceNames.find(code); it != kPlaceNames.end()) {
      names = it->second;
    } else {
      std::string n = code;
      std::replace(n.begin(), n.end(), '-', ' ');
      names.push_back(n);
    }
    for (const auto& n : names) place_codes[name_key(n)].insert(code);
  }
  for (const auto& code : codes_of("all-orgs-strings.lc.txt")) {
    if (auto it = kOrgNames.find(code); it != kOrgNames.end()) {
      for (const auto& n : it->second) org_codes[name_key(n)].insert(code);
    }
  }
  for (const auto& code : codes_of("all-people-strings.lc.txt")) {
    const std::size_t dash = code.rfind('-');
    person_codes[dash == std::string::npos ? code : code.substr(dash + 1)].insert(code);
  }

  Counts places, places_strict, places_salient, people, orgs;
  for (std::size_t i = 0; i < articles.size(); ++i) {
    std::set<std::string> gold_place, gold_person, gold_org;
    for (const auto& t : articles[i].tags) {
      if (t.field == "place_tag") gold_place.insert(t.value);
      if (t.field == "person_tag") gold_person.insert(t.value);
      if (t.field == "org_tag") gold_org.insert(t.value);
    }
    std::set<std::string> pred_place, pred_place_strict, pred_place_salient, pred_person, pred_org;
    // What an article is about is named early or more than once: the title, the dateline and
    // the first paragraph end at the second '\n' of the body.
    const std::string& body = articles[i].body;
    std::size_t lead = body.find('\n');
    lead = lead == std::string::npos ? body.size() : body.find('\n', lead + 1);
    lead = articles[i].title.size() + 1 + (lead == std::string::npos ? body.size() : lead);
    for (const auto& e : extracted[i]) {
      const bool salient = e.first_position < lead || e.count >= 2;
      const std::string key = name_key(e.name);
      if (e.type == "place") {
        if (auto it = place_codes.find(key); it != place_codes.end()) {
          pred_place.insert(it->second.begin(), it->second.end());
          pred_place_strict.insert(it->second.begin(), it->second.end());
          if (salient) pred_place_salient.insert(it->second.begin(), it->second.end());
        }
        const std::string country = indexer::country_of_place(e.name);
        if (!country.empty()) {
          if (auto it = place_codes.find(name_key(country)); it != place_codes.end()) {
            pred_place.insert(it->second.begin(), it->second.end());
            if (salient) pred_place_salient.insert(it->second.begin(), it->second.end());
          }
        }
      } else if (e.type == "org") {
        if (auto it = org_codes.find(key); it != org_codes.end()) {
          pred_org.insert(it->second.begin(), it->second.end());
        }
      } else if (e.type == "person") {
        const std::size_t sp = key.rfind(' ');
        const std::string surname = sp == std::string::npos ? key : key.substr(sp + 1);
        if (auto it = person_codes.find(surname); it != person_codes.end()) {
          // A surname shared by several codes ("baker", "james-baker") credits the tagged one.
          bool credited = false;
          for (const auto& c : it->second) {
            if (gold_person.contains(c)) {
              pred_person.insert(c);
              credited = true;
            }
          }
          if (!credited) pred_person.insert(*it->second.begin());
        }
      }
    }
    score(places, gold_place, pred_place);
    score(places_strict, gold_place, pred_place_strict);
    score(places_salient, gold_place, pred_place_salient);
    score(people, gold_person, pred_person);
    score(orgs, gold_org, pred_org);
    if (static_cast<long>(i) < dump) {
      std::printf("--- %s: %s\n", articles[i].id.c_str(), articles[i].title.c_str());
      for (const auto& t : articles[i].tags) {
        if (t.field != "topic" && t.field != "exchange")
          std::printf("  tag %s=%s\n", t.field.c_str(), t.value.c_str());
      }
      for (const auto& e : extracted[i]) {
        std::printf("  %-7s %-30s x%u @%u [", e.type.c_str(), e.name.c_str(), e.count,
                    e.first_position);
        for (const auto& a : e.aliases) std::printf(" %s:%u", a.surface.c_str(), a.count);
        std::printf(" ]\n");
      }
    }
  }

  std::printf("Entity extraction on Reuters-21578 (%zu articles, %.1f MB of title+body)\n\n",
              articles.size(), bytes / 1e6);
  std::printf("%-14s %8s %7s %7s %7s %7s %6s %6s %6s %8s\n", "type", "articles", "TP", "FP", "FN",
              "FP-unt", "P", "R", "F1", "P-all");
  auto row = [](const char* name, const Counts& c) {
    const double p = ratio(c.tp, c.tp + c.fp);
    const double r = ratio(c.tp, c.tp + c.fn);
    const double f = p + r == 0 ? 0 : 2 * p * r / (p + r);
    std::printf("%-14s %8ld %7ld %7ld %7ld %7ld %6.3f %6.3f %6.3f %8.3f\n", name, c.articles, c.tp,
                c.fp, c.fn, c.fp_untagged, p, r, f, ratio(c.tp, c.tp + c.fp + c.fp_untagged));
  };
  row("place", places);
  row("place-strict", places_strict);
  row("place-salient", places_salient);
  row("person", people);
  row("org", orgs);
  std::printf(
      "\nthroughput: %.0f articles/s, %.2f MB/s (one thread, %.2f s; gazetteers loaded in "
      "%.2f s)\n",
      static_cast<double>(articles.size()) / secs, bytes / 1e6 / secs, secs, load_s);
  if (verbose) {
    for (const auto& [name, c] : {std::pair<const char*, const Counts*>{"place", &places},
                                  {"person", &people},
                                  {"org", &orgs}}) {
      std::printf("\n%s: most missed:", name);
      for (const auto& [n, code] : top(c->fn_codes, 15)) std::printf(" %s:%ld", code.c_str(), n);
      std::printf("\n%s: most wrongly predicted:", name);
      for (const auto& [n, code] : top(c->fp_codes, 15)) std::printf(" %s:%ld", code.c_str(), n);
      std::printf("\n");
    }
  }
  return 0;
}
