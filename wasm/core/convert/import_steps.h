// How to import a conversion's output into Garmin Connect, as numbered steps built from what
// the conversion produced: one step per output folder with its file count, the batches
// Garmin's Import Data page wants, and the units to choose for the CSV files. ts_convert
// writes the steps into manifest.json ("importSteps") and renders IMPORT.txt from the same
// list; the web page lists them from the manifest, so the zip and the page cannot disagree.
#pragma once
#include <cstddef>
#include <string>
#include <vector>

#include "core/common/json_writer.h"

namespace ts::convert {

// Garmin Connect's Import Data page takes files in rounds; about 100 per round are known to go through.
inline constexpr size_t kImportBatch = 100;
inline constexpr const char* kImportDataUrl = "https://connect.garmin.com/modern/import-data";

// Files written per output folder, and what the person should know about the workouts.
struct ImportCounts {
  size_t weight = 0, activities = 0, daily = 0, reference = 0;
  // Workouts written without a map although Fitbit recorded GPS:
  // "2023-01-06 Run (Fitbit id 53025679511): the export holds no track for it …".
  std::vector<std::string> missing_maps;
  size_t implausible_left_out = 0;  // workouts impossible for their sport, not written
  // Takeout parts not given (options.h MissingParts), said first: what they hold is in no file.
  std::string missing_parts;
};

struct ImportStep {
  std::string folder;  // "weight/", "activities/", "csv/", "reference/"; empty for a step about Garmin Connect
  size_t files = 0;    // files in `folder`
  size_t batches = 0;  // Import Data rounds of at most kImportBatch files; 0: not imported
  std::string units;   // what to pick when Garmin asks for units ("metric"), else empty
  std::string link;    // the page the step opens, else empty
  std::string text;    // the step as a person reads it, one paragraph
};

std::vector<ImportStep> import_steps(const ImportCounts& counts);

// IMPORT.txt: a title and the steps numbered, each wrapped to 96 columns.
std::string import_text(const std::vector<ImportStep>& steps);

// Writes the steps as a JSON array (manifest.json's "importSteps").
void write_import_steps(json::Writer& w, const std::vector<ImportStep>& steps);

}  // namespace ts::convert
