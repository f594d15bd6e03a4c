// Reading a Fitbit export from disk for the CLI: a folder (walked recursively) or a zip
// (Google Takeout's own .zip, read with libzip without unpacking). Only files that belong to
// a Fitbit export are listed, with their sizes; only the light ones (what a plan reads:
// weight, Profile.csv, exercise records, resting heart rate) are read up front. Every other
// file is read when a conversion step asks for it (read_file), so memory follows the largest
// step, never the export. Everything else in a Takeout zip (other Google products) is ignored.
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
  std::vector<SourceFile> files;  // in name order
  size_t seen = 0;                // entries looked at, Fitbit or not
  std::string path;               // the zip or folder given
  std::shared_ptr<void> zip;      // the open zip (zip_t), for read_file
};

SourceError read_export(const std::string& path, Source& out, std::string& message);

// The bytes of one listed file (a light file's are already in `f.data`).
SourceError read_file(const Source& src, const SourceFile& f, std::string& out, std::string& message);

}  // namespace ts::cli
