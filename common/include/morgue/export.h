// SPDX-License-Identifier: GPL-2.0-or-later
// The macro that marks Morgue's public C++ API, the only symbols its shared libraries export.
#pragma once

/// \file
/// Symbol visibility of Morgue's C++ API.
///
/// Morgue's libraries are compiled with `-fvisibility=hidden`: only declarations marked
/// MORGUE_API are exported from `libmorgue_searcher.so` and `libmorgue_indexer.so`. Marking a
/// class exports its out-of-line members, its vtable and its typeinfo (needed to catch
/// morgue::Error outside the library). On a consumer's side the mark is harmless.

#if defined(__GNUC__) || defined(__clang__)
/// Exports a class or function from Morgue's shared libraries.
#define MORGUE_API __attribute__((visibility("default")))
/// Keeps a nested implementation class of an exported class (its `Impl`) unexported.
#define MORGUE_HIDDEN __attribute__((visibility("hidden")))
#else
/// Exports a class or function from Morgue's shared libraries (no-op for this compiler).
#define MORGUE_API
/// Keeps a nested implementation class unexported (no-op for this compiler).
#define MORGUE_HIDDEN
#endif
