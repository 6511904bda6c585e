# SPDX-License-Identifier: GPL-2.0-or-later
# Warning flags as an INTERFACE target, so they never leak into consumers of installed targets.
add_library(morgue_warnings INTERFACE)
target_compile_options(morgue_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion
  $<$<COMPILE_LANGUAGE:CXX>:-Wnon-virtual-dtor -Wold-style-cast -Woverloaded-virtual>
  # GCC 12 warns when a designated initializer leaves out members that have defaults, which is
  # exactly how Morgue's option and request structs are meant to be used.
  -Wno-missing-field-initializers
  $<$<BOOL:${MORGUE_WERROR}>:-Werror>)
