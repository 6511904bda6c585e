// SPDX-License-Identifier: GPL-2.0-or-later
// Tests of reading archives and compressed files in memory, on real files made by real tools.
#include "container.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "container_support.h"
#include "morgue/error.h"
#include "test_support.h"

namespace {

using morgue::Error;
using morgue::ErrorCode;
using morgue::indexer::ContainerLimits;
using morgue::indexer::is_container_name;
using morgue::test::for_each_member;
using morgue::test::Member;

std::string data_file(const std::string& relative) {
  const std::filesystem::path path = std::filesystem::path(MORGUE_TEST_DATA_DIR) / relative;
  REQUIRE(std::filesystem::is_regular_file(path));
  return morgue::test::read_file(path);
}

struct Contents {
  std::vector<Member> members;
  std::vector<std::string> warnings;
  std::optional<Error> error;

  [[nodiscard]] std::vector<std::string> names() const {
    std::vector<std::string> result;
    for (const Member& member : members) result.push_back(member.name);
    return result;
  }
  [[nodiscard]] std::string bytes_of(std::string_view name) const {
    for (const Member& member : members) {
      if (member.name == name) return member.bytes;
    }
    FAIL("no member " << name);
    return {};
  }
};

// Reads every member, catching the Error a corrupt container ends with.
Contents read_all(const std::string& bytes, std::string_view container_name,
                  const ContainerLimits& limits = {}) {
  Contents contents;
  try {
    for_each_member(
        bytes, container_name, limits,
        [&contents](Member&& member) { contents.members.push_back(std::move(member)); },
        [&contents](std::string message) { contents.warnings.push_back(std::move(message)); });
  } catch (const Error& e) {
    contents.error = e;
  }
  return contents;
}

bool contains(std::string_view haystack, std::string_view needle) {
  return haystack.find(needle) != std::string_view::npos;
}

// The regular files of tests/data/containers/tree, in archive order: tar's --sort=name for tar,
// directory order for zip.
const std::vector<std::string> kTreeFilesSorted = {"2019/05/08/pompeo.txt",
                                                   "2019/05/09/café.txt",
                                                   "2019/05/09/rates.txt",
                                                   "big.txt",
                                                   "inner.zip",
                                                   "readme.txt"};

std::vector<std::string> sorted(std::vector<std::string> names) {
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace

TEST_CASE("is_container_name knows archive and compression extensions", "[containers]") {
  const auto [name, expected] = GENERATE(table<std::string, bool>({
      {"2019.tar", true},
      {"2019.tar.gz", true},
      {"2019.TGZ", true},
      {"2019.tar.bz2", true},
      {"2019.tbz2", true},
      {"2019.tar.xz", true},
      {"2019.txz", true},
      {"2019.tar.zst", true},
      {"May 2019.Zip", true},
      {"crawl.warc.gz", true},
      {"story.txt.bz2", true},
      {"story.txt.xz", true},
      {"story.txt.zst", true},
      {"dir.gz/story.txt", false},
      {"story.txt", false},
      {"crawl.warc", false},
      {"archive.tar.gz.txt", false},
      {"gz", false},
      {"", false},
  }));
  CAPTURE(name);
  CHECK(is_container_name(name) == expected);
}

TEST_CASE("every archive type yields the tree's regular files and bytes", "[containers]") {
  const std::string name = GENERATE("tree.tar", "tree.tar.gz", "tree.tgz", "tree.tar.bz2",
                                    "tree.tar.xz", "tree.tar.zst", "tree.zip");
  CAPTURE(name);
  const Contents contents = read_all(data_file("containers/" + name), name);
  REQUIRE_FALSE(contents.error.has_value());
  CHECK(contents.warnings.empty());
  // Hidden entries (.git/, __MACOSX/), the symlink and directories are skipped; tar's "./" prefix
  // is gone.
  CHECK(sorted(contents.names()) == kTreeFilesSorted);
  CHECK(contents.bytes_of("readme.txt") == "Archive of Example News, May 2019.\n");
  CHECK(contents.bytes_of("2019/05/08/pompeo.txt") ==
        "Pompeo visits Berlin\nDate: 2019-05-08\n\n"
        "The US Secretary of State met the German chancellor in Berlin.\n");
  CHECK(contents.bytes_of("2019/05/09/café.txt").starts_with("Caf\xC3\xA9 owners protest\n"));
  CHECK(contents.bytes_of("big.txt").size() == 2040);
  CHECK(contents.bytes_of("inner.zip").starts_with("PK\x03\x04"));
}

TEST_CASE("tar members come in archive order", "[containers]") {
  const Contents contents = read_all(data_file("containers/tree.tar.gz"), "tree.tar.gz");
  CHECK(contents.names() == kTreeFilesSorted);
}

TEST_CASE("a nested container is delivered whole, for the caller to open", "[containers]") {
  const Contents outer = read_all(data_file("containers/tree.tar.xz"), "tree.tar.xz");
  const std::string inner_bytes = outer.bytes_of("inner.zip");
  REQUIRE(is_container_name("tree.tar.xz!/inner.zip"));
  const Contents inner = read_all(inner_bytes, "tree.tar.xz!/inner.zip");
  REQUIRE_FALSE(inner.error.has_value());
  REQUIRE(inner.names() == std::vector<std::string>{"story.txt"});
  CHECK(inner.members[0].bytes ==
        "Bridge closed for repairs\n\nThe old bridge is closed until June.\n");
}

TEST_CASE("a single compressed file holds one member named after it", "[containers]") {
  const std::string name = GENERATE("note.txt.gz", "note.txt.bz2", "note.txt.xz", "note.txt.zst");
  CAPTURE(name);
  const std::string original = data_file("containers/note.txt");
  const Contents contents = read_all(data_file("containers/" + name), name);
  REQUIRE_FALSE(contents.error.has_value());
  CHECK(contents.warnings.empty());
  REQUIRE(contents.names() == std::vector<std::string>{"note.txt"});
  CHECK(contents.members[0].bytes == original);
}

TEST_CASE("the member of a single compressed file takes the container's base name",
          "[containers]") {
  const std::string bytes = data_file("containers/note.txt.gz");
  const auto [container_name, member_name] = GENERATE(table<std::string, std::string>({
      {"2019/05/note.txt.gz", "note.txt"},
      {"NOTE.TXT.GZ", "NOTE.TXT"},
      {"../x/report.html.gz", "report.html"},
  }));
  CAPTURE(container_name);
  CHECK(read_all(bytes, container_name).names() == std::vector<std::string>{member_name});
}

TEST_CASE("a compressed empty file is one empty member, not a corrupt archive", "[containers]") {
  const Contents contents = read_all(data_file("containers/empty.txt.gz"), "empty.txt.gz");
  REQUIRE_FALSE(contents.error.has_value());
  REQUIRE(contents.names() == std::vector<std::string>{"empty.txt"});
  CHECK(contents.members[0].bytes.empty());
}

TEST_CASE("a compressed WARC of one gzip member per record is one .warc member", "[containers]") {
  const Contents contents = read_all(data_file("warc/sample.warc.gz"), "crawl/sample.warc.gz");
  REQUIRE_FALSE(contents.error.has_value());
  REQUIRE(contents.names() == std::vector<std::string>{"sample.warc"});
  CHECK(contents.members[0].bytes == data_file("warc/sample.warc"));
}

TEST_CASE("a truncated .tar.gz gives the members before the cut, then throws", "[containers]") {
  const Contents whole = read_all(data_file("containers/whole.tar.gz"), "whole.tar.gz");
  REQUIRE_FALSE(whole.error.has_value());
  CHECK(whole.names() == std::vector<std::string>{"a.txt", "b.txt", "c.txt"});

  // Cut inside c.txt. libarchive inflates in 64 KiB blocks and the block holding the cut is
  // lost, so a.txt and b.txt (60 KB together) fill the first block and c.txt starts past it.
  const Contents cut = read_all(data_file("containers/cut.tar.gz"), "2019/cut.tar.gz");
  CHECK(cut.names() == std::vector<std::string>{"a.txt", "b.txt"});
  std::string b_text;
  for (int i = 0; i < 690; ++i) b_text += "Second story before the cut. ";
  CHECK(cut.bytes_of("b.txt") == b_text + "\n");
  REQUIRE(cut.error.has_value());
  CHECK(cut.error->code() == ErrorCode::kInvalidArgument);
  CHECK_THAT(cut.error->what(), Catch::StartsWith("2019/cut.tar.gz: corrupt archive: "));
}

TEST_CASE("a truncated single compressed file throws without delivering", "[containers]") {
  const std::string name = GENERATE("note.txt.gz", "note.txt.bz2", "note.txt.xz", "note.txt.zst");
  CAPTURE(name);
  const std::string bytes = data_file("containers/" + name);
  const Contents contents = read_all(bytes.substr(0, bytes.size() / 2), name);
  CHECK(contents.members.empty());
  REQUIRE(contents.error.has_value());
  CHECK(contents.error->code() == ErrorCode::kInvalidArgument);
  CHECK_THAT(contents.error->what(), Catch::StartsWith(name + ": corrupt archive: "));
}

TEST_CASE("a member that cannot be read is skipped with a warning, the rest delivered",
          "[containers]") {
  // story.txt is encrypted; note.txt is not.
  const Contents contents = read_all(data_file("containers/enc.zip"), "enc.zip");
  REQUIRE_FALSE(contents.error.has_value());
  CHECK(contents.names() == std::vector<std::string>{"note.txt"});
  REQUIRE(contents.warnings.size() == 1);
  CHECK_THAT(contents.warnings[0], Catch::StartsWith("enc.zip: skipped story.txt: "));
}

TEST_CASE("bytes that are no container throw kInvalidArgument", "[containers]") {
  const auto [name, bytes] = GENERATE(table<std::string, std::string>({
      {"junk.zip", "this is not a zip file at all, just some text"},
      {"junk.tar.gz", "\x1F\x8B\x08 and then nothing like deflate data"},
      {"plain.txt.gz", "plain text that was never compressed\n"},
      {"junk.tar.bz2", std::string(600, '\xAB')},
  }));
  CAPTURE(name);
  const Contents contents = read_all(bytes, name);
  CHECK(contents.members.empty());
  REQUIRE(contents.error.has_value());
  CHECK(contents.error->code() == ErrorCode::kInvalidArgument);
  CHECK_THAT(contents.error->what(), Catch::StartsWith(name + ": corrupt archive: "));
}

TEST_CASE("a member over the size limit is skipped with a warning naming it", "[containers]") {
  const std::string name = GENERATE("tree.tar", "tree.tar.gz", "tree.zip");
  CAPTURE(name);
  const Contents contents =
      read_all(data_file("containers/" + name), name, ContainerLimits{.max_member_bytes = 1000});
  REQUIRE_FALSE(contents.error.has_value());
  CHECK(sorted(contents.names()) ==
        std::vector<std::string>{"2019/05/08/pompeo.txt", "2019/05/09/café.txt",
                                 "2019/05/09/rates.txt", "inner.zip", "readme.txt"});
  REQUIRE(contents.warnings.size() == 1);
  CHECK(contains(contents.warnings[0], "big.txt"));
  CHECK(contains(contents.warnings[0], "1000 bytes"));
}

TEST_CASE("a single compressed file over the size limit gives a warning and no member",
          "[containers]") {
  // Compressed streams do not declare their size: the limit is found while inflating.
  const Contents contents = read_all(data_file("containers/note.txt.xz"), "note.txt.xz",
                                     ContainerLimits{.max_member_bytes = 40});
  REQUIRE_FALSE(contents.error.has_value());
  CHECK(contents.members.empty());
  REQUIRE(contents.warnings.size() == 1);
  CHECK(contains(contents.warnings[0], "note.txt"));
}

TEST_CASE("reading stops with a warning at the member count limit", "[containers]") {
  const Contents contents = read_all(data_file("containers/tree.tar.gz"), "tree.tar.gz",
                                     ContainerLimits{.max_members = 2});
  REQUIRE_FALSE(contents.error.has_value());
  CHECK(contents.names() ==
        std::vector<std::string>{"2019/05/08/pompeo.txt", "2019/05/09/café.txt"});
  REQUIRE(contents.warnings.size() == 1);
  CHECK(contains(contents.warnings[0], "2 members"));
}

TEST_CASE("reading stops with a warning at the total size limit", "[containers]") {
  // pompeo.txt (102) + café.txt (89) + rates.txt (111) = 302 bytes.
  const Contents contents = read_all(data_file("containers/tree.tar.bz2"), "tree.tar.bz2",
                                     ContainerLimits{.max_total_bytes = 300});
  REQUIRE_FALSE(contents.error.has_value());
  CHECK(contents.names() ==
        std::vector<std::string>{"2019/05/08/pompeo.txt", "2019/05/09/café.txt"});
  REQUIRE(contents.warnings.size() == 1);
  CHECK(contains(contents.warnings[0], "rates.txt"));
  CHECK(contains(contents.warnings[0], "300 bytes"));
}

TEST_CASE("an exception from the member callback propagates", "[containers]") {
  const std::string bytes = data_file("containers/tree.zip");
  int calls = 0;
  CHECK_THROWS_WITH(for_each_member(bytes, "tree.zip", {},
                                    [&calls](Member&&) {
                                      ++calls;
                                      throw std::runtime_error("stop here");
                                    },
                                    {}),
                    "stop here");
  CHECK(calls == 1);
}

TEST_CASE("every prefix of an archive reads or fails cleanly", "[containers]") {
  const std::string name = GENERATE("tree.zip", "tree.tar.gz", "tree.tar.zst", "note.txt.bz2");
  const std::string bytes = data_file("containers/" + name);
  for (std::size_t size = 0; size < bytes.size(); size += 7) {
    CAPTURE(name, size);
    const Contents contents = read_all(bytes.substr(0, size), name);
    if (contents.error) CHECK(contents.error->code() == ErrorCode::kInvalidArgument);
    CHECK(contents.members.size() <= kTreeFilesSorted.size());
  }
}

namespace {

using morgue::indexer::MemberReader;
using morgue::indexer::stream_members;
using morgue::indexer::stream_members_of_file;

// Reads every member `step` bytes at a time, from memory or from the file itself.
Contents stream_all(const std::string& relative, bool from_file, std::size_t step,
                    const ContainerLimits& limits = {}) {
  const std::filesystem::path path = std::filesystem::path(MORGUE_TEST_DATA_DIR) / relative;
  const std::string name = path.filename().string();
  Contents contents;
  const auto on_member = [&](MemberReader& member) {
    Member whole{.name = member.name(), .bytes = {}};
    try {
      while (member.read_into(whole.bytes, step) > 0) {
      }
    } catch (const Error&) {
      CHECK(member.failed());
      whole.name += " (cut short)";
    }
    contents.members.push_back(std::move(whole));
  };
  const auto warn = [&contents](std::string message) {
    contents.warnings.push_back(std::move(message));
  };
  try {
    if (from_file) {
      stream_members_of_file(path, name, limits, on_member, warn);
    } else {
      stream_members(morgue::test::read_file(path), name, limits, on_member, warn);
    }
  } catch (const Error& e) {
    contents.error = e;
  }
  return contents;
}

}  // namespace

TEST_CASE("an archive read from disk in small steps gives what it gives whole in memory",
          "[containers][stream]") {
  const std::string name = GENERATE("tree.tar", "tree.tar.gz", "tree.tar.bz2", "tree.tar.xz",
                                    "tree.tar.zst", "tree.zip");
  const bool from_file = GENERATE(false, true);
  CAPTURE(name, from_file);
  const Contents whole = read_all(data_file("containers/" + name), name);
  const Contents streamed = stream_all("containers/" + name, from_file, 100);
  REQUIRE_FALSE(streamed.error.has_value());
  CHECK(streamed.warnings.empty());
  REQUIRE(streamed.names() == whole.names());
  for (const Member& member : whole.members) CHECK(streamed.bytes_of(member.name) == member.bytes);
}

TEST_CASE("a member cut short by a limit keeps what was read, and the warning says where",
          "[containers][stream]") {
  // A compressed stream declares no size: the limit is met while reading, after two steps.
  const Contents contents =
      stream_all("containers/note.txt.xz", false, 16, ContainerLimits{.max_member_bytes = 40});
  REQUIRE_FALSE(contents.error.has_value());
  REQUIRE(contents.names() == std::vector<std::string>{"note.txt (cut short)"});
  CHECK(contents.members[0].bytes == data_file("containers/note.txt").substr(0, 32));
  CHECK(contents.warnings ==
        std::vector<std::string>{
            "note.txt.xz: skipped the rest of note.txt after byte 32: larger than 40 bytes "
            "uncompressed"});
}

TEST_CASE("a truncated archive read from disk gives the members before the cut, then throws",
          "[containers][stream]") {
  const Contents cut = stream_all("containers/cut.tar.gz", true, 4096);
  CHECK(cut.names() == std::vector<std::string>{"a.txt", "b.txt", "c.txt (cut short)"});
  REQUIRE(cut.error.has_value());
  CHECK(cut.error->code() == ErrorCode::kInvalidArgument);
  CHECK_THAT(cut.error->what(), Catch::StartsWith("cut.tar.gz: corrupt archive: "));
}

TEST_CASE("an archive file that cannot be opened is an I/O error", "[containers][stream]") {
  CHECK_THROWS_MATCHES(
      stream_members_of_file(std::filesystem::path(MORGUE_TEST_DATA_DIR) / "no-such.tar.gz",
                             "no-such.tar.gz", {}, [](MemberReader&) {}, {}),
      Error, Catch::Predicate<Error>([](const Error& e) { return e.code() == ErrorCode::kIo; }));
}
