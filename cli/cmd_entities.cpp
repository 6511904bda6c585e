// SPDX-License-Identifier: GPL-2.0-or-later
// `morgue entities`: the people, organisations and places of an index, of a query's results,
// of one article, or one entity's profile.
#include <algorithm>
#include <iomanip>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli.h"
#include "morgue/entities.h"

namespace po = boost::program_options;

namespace morgue::cli {
namespace {

using Json = nlohmann::ordered_json;

// Version of the JSON documents below (docs/json-output.md, "morgue entities").
constexpr int kEntitiesJsonVersion = 1;

constexpr const char* kSynopsis =
    "[--db DIR] [--type TYPE] [--limit N] [--json] [QUERY...]\n"
    "       morgue entities [--db DIR] --about NAME [--type TYPE] [--json]\n"
    "       morgue entities [--db DIR] --article ID [--json]";
constexpr const char* kSummary =
    "Lists the most mentioned people, organisations and places: of the articles matching\n"
    "QUERY, or of the whole index. --about NAME profiles one entity (any alias works);\n"
    "--article ID lists the entities of one article.";

Json counts_json(const std::vector<EntityCount>& counts) {
  Json list = Json::array();
  for (const EntityCount& c : counts) {
    list.push_back({{"type", c.type}, {"name", c.name}, {"articles", c.articles}});
  }
  return list;
}

Json aliases_json(const std::vector<EntityAlias>& aliases) {
  Json list = Json::array();
  for (const EntityAlias& a : aliases) list.push_back({{"surface", a.surface}, {"count", a.count}});
  return list;
}

void print_counts(const std::vector<EntityCount>& counts) {
  if (counts.empty()) {
    std::cout << "No entities.\n";
    return;
  }
  std::size_t width = 0;
  for (const EntityCount& c : counts) width = std::max(width, c.name.size());
  for (const EntityCount& c : counts) {
    std::cout << std::left << std::setw(8) << c.type << std::setw(static_cast<int>(width) + 2)
              << c.name << std::right << c.articles << (c.articles == 1 ? " article" : " articles")
              << '\n';
  }
}

void print_profile(const EntityProfile& p) {
  std::cout << p.name << " (" << p.type << ")\n"
            << "Articles:  " << p.articles << " (" << p.mentions << " mentions)\n";
  if (!p.first_date.empty()) {
    std::cout << "First:     " << p.first_date << "\nLast:      " << p.last_date << '\n';
  }
  std::cout << "Aliases:  ";
  for (std::size_t i = 0; i < p.aliases.size(); ++i) {
    std::cout << (i == 0 ? " " : ", ") << p.aliases[i].surface << " (" << p.aliases[i].count << ")";
  }
  std::cout << "\n\nAppears most with:\n";
  print_counts(p.related);
  if (p.timeline.empty()) return;
  std::cout << "\nMentions by month:\n";
  std::size_t max = 1;
  for (const EntityMonth& m : p.timeline) max = std::max(max, m.articles);
  constexpr std::size_t kBarWidth = 40;
  for (const EntityMonth& m : p.timeline) {
    const std::size_t bar = (m.articles * kBarWidth + max - 1) / max;
    std::cout << m.month << ' ';
    for (std::size_t i = 0; i < bar; ++i) std::cout << "\u2588";
    std::cout << ' ' << m.articles << '\n';
  }
}

}  // namespace

int run_entities(int argc, char** argv) {
  po::options_description options("Options");
  add_db_option(options);
  options.add_options()("help,h", "show this help")("type",
                                                    po::value<std::string>()->value_name("TYPE"),
                                                    "person, org, place, handle, hashtag or url")(
      "limit,n", po::value<std::size_t>()->default_value(20)->value_name("N"),
      "entities to list (at most 1000)")("about", po::value<std::string>()->value_name("NAME"),
                                         "profile of one entity, by name or alias")(
      "article", po::value<std::string>()->value_name("ID"), "the entities of one article")(
      "json", "print one JSON object (docs/json-output.md)");
  const CommandLine line = parse_command(argc, argv, "entities", kSynopsis, kSummary, options);
  if (line.exit) return *line.exit;
  const po::variables_map& vm = line.vm;
  const bool as_json = vm.count("json") != 0;
  const std::string type = vm.count("type") != 0 ? vm["type"].as<std::string>() : "";
  const std::string query = line.joined();
  if (vm.count("about") + vm.count("article") > 1 ||
      ((vm.count("about") + vm.count("article")) == 1 && !query.empty())) {
    std::cerr << "morgue entities: give one of QUERY, --about or --article\nusage: morgue entities "
              << kSynopsis << '\n';
    return kExitUsage;
  }

  try {
    EntityStore store = EntityStore::open(index_dir(vm));
    if (vm.count("about") != 0) {
      const EntityProfile p = store.about(vm["about"].as<std::string>(), type);
      if (!as_json) {
        print_profile(p);
        return kExitOk;
      }
      Json timeline = Json::array();
      for (const EntityMonth& m : p.timeline) {
        timeline.push_back({{"month", m.month}, {"articles", m.articles}});
      }
      const Json out = {{"version", kEntitiesJsonVersion},
                        {"type", p.type},
                        {"name", p.name},
                        {"articles", p.articles},
                        {"mentions", p.mentions},
                        {"first_date", p.first_date.empty() ? Json() : Json(p.first_date)},
                        {"last_date", p.last_date.empty() ? Json() : Json(p.last_date)},
                        {"aliases", aliases_json(p.aliases)},
                        {"related", counts_json(p.related)},
                        {"timeline", timeline}};
      std::cout << out.dump() << '\n';
      return kExitOk;
    }
    if (vm.count("article") != 0) {
      const std::string id = vm["article"].as<std::string>();
      const std::vector<ArticleEntity> entities = store.of_article(id);
      if (!as_json) {
        for (const ArticleEntity& e : entities) {
          std::cout << std::left << std::setw(8) << e.type << e.name << "  x" << e.count;
          if (!e.aliases.empty()) {
            std::cout << "  (";
            for (std::size_t i = 0; i < e.aliases.size(); ++i) {
              std::cout << (i == 0 ? "" : ", ") << e.aliases[i].surface;
            }
            std::cout << ')';
          }
          std::cout << '\n';
        }
        if (entities.empty()) std::cout << "No entities.\n";
        return kExitOk;
      }
      Json list = Json::array();
      for (const ArticleEntity& e : entities) {
        list.push_back({{"type", e.type},
                        {"name", e.name},
                        {"count", e.count},
                        {"first_position", e.first_position},
                        {"aliases", aliases_json(e.aliases)}});
      }
      std::cout
          << Json{{"version", kEntitiesJsonVersion}, {"article", id}, {"entities", list}}.dump()
          << '\n';
      return kExitOk;
    }
    const std::vector<EntityCount> counts =
        store.top({.query = query, .type = type, .limit = vm["limit"].as<std::size_t>()});
    if (as_json) {
      std::cout << Json{{"version", kEntitiesJsonVersion},
                        {"query", query},
                        {"type", type.empty() ? Json() : Json(type)},
                        {"entities", counts_json(counts)}}
                       .dump()
                << '\n';
    } else {
      print_counts(counts);
    }
    return kExitOk;
  } catch (const Error& e) {
    return report_error("entities", e, as_json);
  }
}

}  // namespace morgue::cli
