<<<<<<< ours
// Reading a Fitbit export from disk for the CLI: folders (walked recursively) or zips
// (Google Takeout's own .zip, several parts welcome, read with libzip without unpacking).
// Every entry is handed to the core by name — a file's kind comes from the core's one
// classifier (core/fitbit/file_kinds.h), and the report counts and names every file skipped —
// with its bytes only when an output the caller asked for reads that kind (`kinds`, see
// reads()), so gigabytes of per-minute data or other Google products are never loaded.
=======
// Reading a Fitbit export from disk for the CLI: a folder (walked recursively) or a zip
// (Google Takeout's own .zip, read with libzip without unpacking). Only files that belong to
// a Fitbit export are listed, with their sizes; only the light ones (what a plan reads:
// weight, Profile.csv, exercise records, resting heart rate) are read up front. Every other
// file is read when a conversion step asks for it (read_file), so memory follows the largest
// step, never the export. Everything else in a Takeout zip (other Google products) is ignored.
>>>>>>> theirs
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace ts::cli {

struct SourceFile {
  std::string name;  // path inside the export, '/'-separated
  std::string data;  // the bytes of a light file; empty for the others until read_file
  uint64_t size = 0;
  int64_t zip_index = -1;  // the entry in the zip, or -1 for a file in a folder
  std::string disk_path;   // the file on disk (folders)
};

enum class SourceError { none, missing, unreadable, bad_zip };

struct Source {
<<<<<<< ours
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
=======
  std::vector<SourceFile> files;  // in name order
  size_t seen = 0;                // entries looked at, Fitbit or not
  std::string path;               // the zip or folder given
  std::shared_ptr<void> zip;      // the open zip (zip_t), for read_file
};

SourceError read_export(const std::string& path, Source& out, std::string& message);

// The bytes of one listed file (a light file's are already in `f.data`).
SourceError read_file(const Source& src, const SourceFile& f, std::string& out, std::string& message);
>>>>>>> theirs

}  // namespace ts::cli
