// SPDX-License-Identifier: GPL-2.0-or-later
// Test helpers: a RAII temporary directory, file writers, and paths to the shared corpora.
#pragma once

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <string_view>

namespace morgue::test {

/// A fresh directory under $TMPDIR, removed with everything in it on destruction.
class TempDir {
 public:
  TempDir() {
    static std::atomic<int> counter{0};
    const char* base = std::getenv("TMPDIR");
    path_ = std::filesystem::path(base != nullptr ? base : "/tmp") /
            ("morgue-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  [[nodiscard]] const std::filesystem::path& path() const noexcept { return path_; }
  [[nodiscard]] std::filesystem::path operator/(std::string_view name) const {
    return path_ / name;
  }

 private:
  std::filesystem::path path_;
};

/// Writes `bytes` to `file`, creating parent directories.
inline void write_file(const std::filesystem::path& file, std::string_view bytes) {
  std::filesystem::create_directories(file.parent_path());
  std::ofstream out(file, std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out) throw std::runtime_error("cannot write " + file.string());
}

inline std::string read_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

/// The seed article the project began from (in ../shared, as on CI).
inline std::filesystem::path seed_article() {
  return std::filesystem::path(MORGUE_SHARED_DIR) / "seed" / "000_e5e6e8b9b571241e.txt";
}

/// Reuters-21578 in SGML (in ../shared, as on CI).
inline std::filesystem::path reuters_corpus_dir() {
  return std::filesystem::path(MORGUE_SHARED_DIR) / "corpora" / "reuters21578";
}

/// The bundled demo archive (samples/archive).
inline std::filesystem::path samples_dir() {
  return std::filesystem::path(MORGUE_SOURCE_DIR) / "samples" / "archive";
}

}  // namespace morgue::test
