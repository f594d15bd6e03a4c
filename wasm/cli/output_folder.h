// The folder `convert -o` writes to, made ready before any file is written. A second run into
// the folder of a first (another --tz, the CLI's own advice) wrote its files beside the first
// run's: a workout converted at two local dates left two activity files under other names,
// both imported, while the new manifest named only its own (helper finding). So:
//   - a folder that does not exist, or is empty, is used as it is;
//   - a folder holding an earlier conversion (its manifest.json, written by TrackerSync) has
//     that conversion's files removed — the files its manifest names, manifest.json and
//     IMPORT.txt, then the folders they leave empty — and nothing else;
//   - any other folder with something in it is refused: what is in it is not ours to remove,
//     and files beside the conversion's would be imported with them.
#pragma once
#include <string>

namespace ts::cli {

enum class OutputFolder { ready, replaced, refused };

// `replaced_files`: how many files of an earlier conversion were removed. `message`: why a
// folder is refused, or what could not be removed.
OutputFolder prepare_output_folder(const std::string& dir, size_t& replaced_files, std::string& message);

}  // namespace ts::cli
