// Reading a Fitbit export from disk for the CLI: folders (walked recursively) or zips (Google
// Takeout's own .zip, several parts welcome, read with libzip without unpacking). Every entry
// is listed by name, with its size — a file's kind comes from the core's one classifier
// (core/fitbit/file_kinds.h), and the report counts and names every file skipped. Only the
// light files (what a plan reads: the weight side, exercise records, resting heart rate) are
// read up front; every other file is read when a conversion step asks for it (read_file), so
// memory follows the largest step, never the export.
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
  size_t part = 0;         // which of the paths given it came from (Source::parts)
  int64_t zip_index = -1;  // the entry in the zip, or -1 for a file in a folder
  std::string disk_path;   // the file on disk (folders)
};

struct SourcePart {
  std::string path;           // the zip or folder given
  std::shared_ptr<void> zip;  // the open zip (zip_t), for read_file; null for a folder
};

enum class SourceError { none, missing, unreadable, bad_zip };

struct Source {
  std::vector<SourceFile> files;  // in name order once finish() ran
  std::vector<SourcePart> parts;
  size_t seen = 0;   // entries looked at
  size_t known = 0;  // entries of a kind the core reads
  // Entries of Google's per-day CSVs the core skips (copies of JSON data, data it does not
  // convert): the export is one, with nothing to convert, and the report names them.
  size_t google = 0;
  // Listing only (`trackersync files`): no file's bytes are read.
  bool names_only = false;
};

// Adds the entries of `path` (a folder or a zip) to `out`; call once per part, then finish().
SourceError read_export(const std::string& path, Source& out, std::string& message);

// Name order, as the core itself reads them (the bundle is the same however the disk lists
// them), then the light files' bytes (none when names_only).
SourceError finish(Source& src, std::string& message);

// The bytes of one listed file (a light file's are already in `f.data`).
SourceError read_file(const Source& src, const SourceFile& f, std::string& out, std::string& message);

}  // namespace ts::cli
