// Reading a Fitbit export from disk for the CLI: a folder (walked recursively) or a zip
// (Google Takeout's own .zip, read with libzip without unpacking). Only files that belong to
// a Fitbit export are taken: their bytes when the core has a reader for them, just their names
// otherwise (so the report can say what was not imported without loading gigabytes of
// per-minute data). Everything else in a Takeout zip (other Google products) is ignored.
// Health files beyond weight (workouts, per-minute data, sleep, heart rate) are read only
// when an output the caller asked for uses them (`kinds`, see Source::reads).
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
  size_t seen = 0;  // entries looked at, Fitbit or not
  // Output kinds the caller wants ("weight", "workouts", "daily", "reference"); empty = all.
  std::vector<std::string> kinds;
  // Validation only counts heart-rate and other health files by name: their bytes stay on disk.
  bool validating = false;
};

// Whether the bytes of `name` are needed for the kinds `src` asks for.
bool reads(const Source& src, const std::string& name);

SourceError read_export(const std::string& path, Source& out, std::string& message);

}  // namespace ts::cli
