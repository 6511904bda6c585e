# SPDX-License-Identifier: GPL-2.0-or-later
# Installation (the public headers, the two libraries, a CMake package, a pkg-config file) and
# the API reference.
#
# Consumers use either `find_package(Morgue)` (targets Morgue::searcher, Morgue::indexer) or
# `pkg-config morgue`; samples/embed/ does both and tests/packaging/test_install.sh checks it.
include(CMakePackageConfigHelpers)

set(MORGUE_CMAKE_INSTALL_DIR "${CMAKE_INSTALL_LIBDIR}/cmake/Morgue")

# `morgue` and `morgue-index` link Morgue's libraries statically, so they need no RPATH. (One
# to $ORIGIN/../lib made CMake pad their build-tree RUNPATH with empty entries, which the loader
# reads as the current directory: every library was first looked for there, 13 paths each.)

# The API reference, from the public headers: `cmake --build BUILD --target morgue_docs` writes
# BUILD/docs/api/html. docs/Doxyfile turns every warning into a failure.
find_package(Doxygen QUIET)
if(DOXYGEN_FOUND)
  add_custom_target(morgue_docs
    COMMAND ${CMAKE_COMMAND} -E make_directory "${PROJECT_BINARY_DIR}/docs/api"
    COMMAND ${CMAKE_COMMAND} -E env "MORGUE_DOXYGEN_OUTPUT=${PROJECT_BINARY_DIR}/docs/api"
            "MORGUE_VERSION=${PROJECT_VERSION}" ${DOXYGEN_EXECUTABLE} docs/Doxyfile
    WORKING_DIRECTORY "${PROJECT_SOURCE_DIR}"
    COMMENT "API reference (Doxygen) in ${PROJECT_BINARY_DIR}/docs/api/html"
    VERBATIM)
endif()

if(NOT MORGUE_SHARED)
  # Static libraries would need common, schema and all their dependencies exported too.
  message(STATUS "Morgue: MORGUE_SHARED is OFF; the libraries are for in-tree use and are "
                 "not installed")
  return()
endif()

# Exactly the public API: the headers the installed ones include, and nothing internal.
install(FILES
  common/include/morgue/error.h
  common/include/morgue/export.h
  schema/include/morgue/article.h
  indexer/include/morgue/indexer.h
  searcher/include/morgue/entities.h
  searcher/include/morgue/json_output.h
  searcher/include/morgue/morgue.h
  searcher/include/morgue/searcher.h
  DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}/morgue"
  COMPONENT Morgue_Development)

install(TARGETS morgue_searcher morgue_indexer
  EXPORT MorgueTargets
  LIBRARY DESTINATION "${CMAKE_INSTALL_LIBDIR}"
    COMPONENT Morgue_Runtime NAMELINK_COMPONENT Morgue_Development
  ARCHIVE DESTINATION "${CMAKE_INSTALL_LIBDIR}" COMPONENT Morgue_Development
  RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}" COMPONENT Morgue_Runtime
  INCLUDES DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}")

install(EXPORT MorgueTargets
  NAMESPACE Morgue::
  FILE MorgueTargets.cmake
  DESTINATION "${MORGUE_CMAKE_INSTALL_DIR}"
  COMPONENT Morgue_Development)

configure_package_config_file(
  "${PROJECT_SOURCE_DIR}/cmake/MorgueConfig.cmake.in"
  "${PROJECT_BINARY_DIR}/MorgueConfig.cmake"
  INSTALL_DESTINATION "${MORGUE_CMAKE_INSTALL_DIR}")
write_basic_package_version_file(
  "${PROJECT_BINARY_DIR}/MorgueConfigVersion.cmake"
  VERSION "${PROJECT_VERSION}"
  COMPATIBILITY SameMinorVersion)  # 0.x: minor releases may break the API
install(FILES
  "${PROJECT_BINARY_DIR}/MorgueConfig.cmake"
  "${PROJECT_BINARY_DIR}/MorgueConfigVersion.cmake"
  DESTINATION "${MORGUE_CMAKE_INSTALL_DIR}"
  COMPONENT Morgue_Development)

# pkg-config: relocatable, so that `cmake --install --prefix DIR` gives a working file; the
# prefix is found from the file's own place (${pcfiledir}), unless the dirs are absolute.
file(RELATIVE_PATH MORGUE_PC_UP "/p/${CMAKE_INSTALL_LIBDIR}/pkgconfig" "/p")
set(MORGUE_PC_PREFIX "\${pcfiledir}/${MORGUE_PC_UP}")
foreach(dir LIBDIR INCLUDEDIR)
  if(IS_ABSOLUTE "${CMAKE_INSTALL_${dir}}")
    set(MORGUE_PC_${dir} "${CMAKE_INSTALL_${dir}}")
  else()
    set(MORGUE_PC_${dir} "\${prefix}/${CMAKE_INSTALL_${dir}}")
  endif()
endforeach()
configure_file("${PROJECT_SOURCE_DIR}/cmake/morgue.pc.in" "${PROJECT_BINARY_DIR}/morgue.pc" @ONLY)
install(FILES "${PROJECT_BINARY_DIR}/morgue.pc"
  DESTINATION "${CMAKE_INSTALL_LIBDIR}/pkgconfig"
  COMPONENT Morgue_Development)
