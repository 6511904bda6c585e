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

# The `morgue` programs link SQLite, xxHash and Boost.Program_options statically when their
# archives (Debian: libsqlite3-dev, libxxhash-dev, libboost-program-options-dev) sit beside the
# shared libraries. Both SQLite and Program_options are linked with -z now by Debian, so a
# process that loads them resolves all of their ~2,200 symbol references before main(), even
# for a search that never opens SQLite: a fifth of a one-query `morgue search` (issue 6). The
# cost of ON: a SQLite or Boost security update needs the programs relinked. The installed
# libraries always link the shared ones.
option(MORGUE_STATIC_PROGRAM_DEPS
  "Link SQLite, xxHash and Boost.Program_options statically into morgue and morgue-index" ON)
# morgue_static_program_dep(<target> <shared library path> <archive name> [<link deps>...]):
# an imported target for the archive beside <shared library path>, or nothing if it is absent.
function(morgue_static_program_dep target shared archive)
  get_filename_component(dir "${shared}" DIRECTORY)
  if(NOT TARGET ${target} AND EXISTS "${dir}/${archive}")
    add_library(${target} STATIC IMPORTED GLOBAL)
    set_target_properties(${target} PROPERTIES IMPORTED_LOCATION "${dir}/${archive}")
    if(ARGN)
      set_target_properties(${target} PROPERTIES INTERFACE_LINK_LIBRARIES "${ARGN}")
    endif()
  endif()
endfunction()
if(MORGUE_STATIC_PROGRAM_DEPS)
  get_target_property(_morgue_po Boost::program_options IMPORTED_LOCATION_RELEASE)
  if(NOT _morgue_po)
    get_target_property(_morgue_po Boost::program_options IMPORTED_LOCATION)
  endif()
  morgue_static_program_dep(morgue_static_sqlite3 "${SQLite3_LIBRARY}" libsqlite3.a m)
  morgue_static_program_dep(morgue_static_xxhash "${XXHASH_LIBRARY}" libxxhash.a)
  morgue_static_program_dep(morgue_static_program_options "${_morgue_po}"
    libboost_program_options.a)
endif()
# morgue_dep(<var> <shared target> <static target>): in <var>, a link item that is the static
# target for a consumer with the property MORGUE_STATIC_DEPS set (the programs), else the
# shared one. Evaluated for the target being linked, so libraries built from the same objects
# keep the shared dependency.
function(morgue_dep var shared static)
  if(TARGET ${static})
    set(${var} "$<IF:$<BOOL:$<TARGET_PROPERTY:MORGUE_STATIC_DEPS>>,${static},${shared}>"
      PARENT_SCOPE)
  else()
    set(${var} ${shared} PARENT_SCOPE)
  endif()
endfunction()

# jemalloc (Debian: libjemalloc-dev) is the allocator of `morgue-index` only. The indexer's
# threads allocate and free millions of small strings and map nodes (Xapian's inverter, the
# term generator, SQLite rows); with glibc's malloc that was about a tenth of a bulk build's
# CPU, half of it in malloc_consolidate. jemalloc made Reuters-21578 about 12% faster and 15%
# smaller in peak memory (bench/README.md, "Allocator"). Not for `morgue`: loading it adds
# about 2 ms to the start of every search. Off under sanitizers, which bring their own malloc.
option(MORGUE_JEMALLOC "Link morgue-index with jemalloc when it is found" ON)
if(MORGUE_JEMALLOC AND NOT CMAKE_CXX_FLAGS MATCHES "-fsanitize")
  find_package(PkgConfig QUIET)
  if(PkgConfig_FOUND)
    pkg_check_modules(JEMALLOC QUIET IMPORTED_TARGET jemalloc)
  endif()
  if(TARGET PkgConfig::JEMALLOC)
    add_library(morgue_allocator ALIAS PkgConfig::JEMALLOC)
    message(STATUS "morgue-index allocator: jemalloc ${JEMALLOC_VERSION}")
  else()
    message(STATUS "morgue-index allocator: glibc malloc (jemalloc not found)")
  endif()
endif()
