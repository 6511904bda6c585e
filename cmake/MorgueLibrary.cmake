# SPDX-License-Identifier: GPL-2.0-or-later
# morgue_public_library(): a component's installable library, built from its object library.
#
# Each component compiles its sources once, into an OBJECT library `morgue_<c>_core` (hidden
# visibility, PIC). The public library `morgue_<c>` (shared when MORGUE_SHARED, else static)
# is linked from those objects and exports only what is marked MORGUE_API or is the C API.
# White-box tests that need internal symbols link the core object library instead.
#
# Morgue's own programs link `morgue_<c>_static` (alias morgue::<c>_static), an archive of the
# same objects, even when the installed library is shared: a `morgue search` process then
# loads one library fewer and resolves none of the library's symbols at start-up (issue 6:
# process start is most of a one-query run). Embedders still get the shared library.

if(MORGUE_SHARED)
  set(MORGUE_LIBRARY_TYPE SHARED)
else()
  set(MORGUE_LIBRARY_TYPE STATIC)
endif()

# Compile options every object that ends up in a public library needs.
function(morgue_hidden_visibility target)
  set_target_properties(${target} PROPERTIES
    POSITION_INDEPENDENT_CODE ON
    C_VISIBILITY_PRESET hidden
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON)
endfunction()

# morgue_public_library(NAME <target> CORE <object library> EXPORT_NAME <name>)
function(morgue_public_library)
  cmake_parse_arguments(ARG "" "NAME;CORE;EXPORT_NAME" "" ${ARGN})
  add_library(${ARG_NAME} ${MORGUE_LIBRARY_TYPE})
  add_library(morgue::${ARG_EXPORT_NAME} ALIAS ${ARG_NAME})
  # Linking an object library directly puts its objects into this library; its own
  # dependencies (common, schema, Xapian, SQLite...) stay private to it.
  target_link_libraries(${ARG_NAME} PRIVATE ${ARG_CORE})
  # Public headers: the component's and those of common and schema that they include.
  target_include_directories(${ARG_NAME} PUBLIC
    $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/common/include>
    $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/schema/include>
    $<BUILD_INTERFACE:${CMAKE_CURRENT_SOURCE_DIR}/include>
    $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>)
  target_compile_features(${ARG_NAME} PUBLIC cxx_std_20)
  set_target_properties(${ARG_NAME} PROPERTIES
    OUTPUT_NAME ${ARG_NAME}
    EXPORT_NAME ${ARG_EXPORT_NAME}
    VERSION ${PROJECT_VERSION}
    # Before 1.0 every minor release may break the ABI, so the SONAME carries major.minor.
    SOVERSION ${PROJECT_VERSION_MAJOR}.${PROJECT_VERSION_MINOR})
  if(MORGUE_SHARED)
    target_link_options(${ARG_NAME} PRIVATE
      # Every dependency is linked explicitly, so consumers need only this library.
      "LINKER:--no-undefined"
      # morgue::to_string(ErrorCode) is public API living in the static common library; pull
      # it in even when nothing inside this library calls it.
      "LINKER:--require-defined=_ZN6morgue9to_stringENS_9ErrorCodeE")
    # The programs' archive. PRIVATE: its dependencies reach the programs as link-only.
    add_library(${ARG_NAME}_static STATIC)
    target_link_libraries(${ARG_NAME}_static PRIVATE ${ARG_CORE})
    target_include_directories(${ARG_NAME}_static PUBLIC
      ${PROJECT_SOURCE_DIR}/common/include
      ${PROJECT_SOURCE_DIR}/schema/include
      ${CMAKE_CURRENT_SOURCE_DIR}/include)
    target_compile_features(${ARG_NAME}_static PUBLIC cxx_std_20)
    add_library(morgue::${ARG_EXPORT_NAME}_static ALIAS ${ARG_NAME}_static)
  else()
    add_library(morgue::${ARG_EXPORT_NAME}_static ALIAS ${ARG_NAME})
  endif()
endfunction()
