// SPDX-License-Identifier: GPL-2.0-or-later
// Whole members of a container, for tests that look at what an archive holds rather than at how
// it is read piece by piece (the indexer reads members through MemberReader).
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <utility>

#include "container.h"

namespace morgue::test {

/// One regular file inside a container, whole.
struct Member {
  std::string name;   ///< MemberReader::name()
  std::string bytes;  ///< its uncompressed contents
};

/// stream_members() with each member read whole: a member that cannot be read whole is skipped
/// (stream_members() warns) and not delivered.
inline void for_each_member(std::string_view bytes, std::string_view container_name,
                            const indexer::ContainerLimits& limits,
                            const std::function<void(Member&&)>& on_member,
                            const std::function<void(std::string)>& warn) {
  indexer::stream_members(
      bytes, container_name, limits,
      [&on_member](indexer::MemberReader& member) {
        std::string whole = member.read_all();
        on_member(Member{.name = member.name(), .bytes = std::move(whole)});
      },
      warn);
}

}  // namespace morgue::test
