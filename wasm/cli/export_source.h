// Reading a Fitbit export from disk for the CLI: folders (walked recursively) or zips
// (Google Takeout's own .zip, several parts welcome, read with libzip without unpacking).
// Every entry is handed to the core by name — a file's kind comes from the core's one
// classifier (core/fitbit/file_kinds.h), and the report counts and names every file skipped —
// with its bytes only when an output the caller asked for reads that kind (`kinds`, see
// reads()), so gigabytes of per-minute data or other Google products are never loaded.
#pragma once
#include <string>
#include <vector>

namespace ts::cli {

struct SourceFile {
  std::string name;  // path inside the export, '/'-separated
  std::string data;  // empty for files no reader claims
};

enum class SourceError { none, missing, unreadable, bad_zip };

struct Source {
  std::vector<SourceFile> files;
  size_t seen = 0;   // entries looked at
  size_t known = 0;  // entries of a kind the core reads
  // Output kinds the caller wants ("weight", "workouts", "daily", "reference"); empty = all.
  std::vector<std::string> kinds;
  // Validation only counts heart-rate and other health files by name: their bytes stay on disk.
  bool validating = false;
  // Listing only (`trackersync files`): no file's bytes are read.
  bool names_only = false;
};

// Whether the bytes of `name` are needed for the kinds `src` asks for.
bool reads(const Source& src, const std::string& name);

// Adds the entries of `path` (a folder or a zip) to `out`; call once per part, then sort().
SourceError read_export(const std::string& path, Source& out, std::string& message);

// Name order, as the core itself reads them: the bundle is the same however the disk lists them.
void sort(Source& src);

}  // namespace ts::cli
