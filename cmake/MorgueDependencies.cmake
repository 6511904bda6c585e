# SPDX-License-Identifier: GPL-2.0-or-later
# Finds Morgue's dependencies and gives each one an imported target.

# Debian's xapian-config.cmake only sets variables; wrap them in an imported target.
find_package(Xapian 1.4 REQUIRED CONFIG)
if(NOT TARGET Xapian::xapian)
  add_library(Xapian::xapian UNKNOWN IMPORTED)
  set_target_properties(Xapian::xapian PROPERTIES
    IMPORTED_LOCATION "${XAPIAN_LIBRARIES}"
    INTERFACE_INCLUDE_DIRECTORIES "${XAPIAN_INCLUDE_DIR}")
endif()

find_package(SQLite3 REQUIRED)
find_package(Boost 1.74 REQUIRED COMPONENTS program_options)
find_package(LibXml2 REQUIRED)
find_package(nlohmann_json 3.10 REQUIRED)
find_package(Threads REQUIRED)

# xxHash ships no CMake package on Debian; it gives the 128-bit content hash.
find_path(XXHASH_INCLUDE_DIR xxhash.h REQUIRED)
find_library(XXHASH_LIBRARY xxhash REQUIRED)
if(NOT TARGET xxHash::xxhash)
  add_library(xxHash::xxhash UNKNOWN IMPORTED)
  set_target_properties(xxHash::xxhash PROPERTIES
    IMPORTED_LOCATION "${XXHASH_LIBRARY}"
    INTERFACE_INCLUDE_DIRECTORIES "${XXHASH_INCLUDE_DIR}")
endif()

# libarchive reads tar and zip archives and gz/bz2/xz/zst files in memory (container.cpp).
find_package(LibArchive REQUIRED)
# zlib inflates gzip and deflate HTTP bodies inside WARC records (warc_reader.cpp).
find_package(ZLIB REQUIRED)

# uchardet detects the charset of undeclared text (charset.cpp); Debian ships only a .pc file.
find_path(UCHARDET_INCLUDE_DIR uchardet/uchardet.h REQUIRED)
find_library(UCHARDET_LIBRARY uchardet REQUIRED)
if(NOT TARGET uchardet::uchardet)
  add_library(uchardet::uchardet UNKNOWN IMPORTED)
  set_target_properties(uchardet::uchardet PROPERTIES
    IMPORTED_LOCATION "${UCHARDET_LIBRARY}"
    INTERFACE_INCLUDE_DIRECTORIES "${UCHARDET_INCLUDE_DIR}")
endif()

# CLD2 detects an article's language (language.cpp); it ships no CMake or pkg-config file.
find_path(CLD2_INCLUDE_DIR cld2/public/compact_lang_det.h REQUIRED)
find_library(CLD2_LIBRARY cld2 REQUIRED)
if(NOT TARGET cld2::cld2)
  add_library(cld2::cld2 UNKNOWN IMPORTED)
  set_target_properties(cld2::cld2 PROPERTIES
    IMPORTED_LOCATION "${CLD2_LIBRARY}"
    INTERFACE_INCLUDE_DIRECTORIES "${CLD2_INCLUDE_DIR}")
endif()
