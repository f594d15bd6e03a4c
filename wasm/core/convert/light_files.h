// Which export files a plan reads (LIGHT: small by nature, needed for the report, the chart and
// the workout list) and how big the others are without their bytes. Which kinds are light is
// the kind table's (fitbit/file_kinds.h, `light`), which ts_file_kinds gives the page and the
// Worker too (worker-shim/shared/export-files.js lightKinds).
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/same_bytes.h"
#include "core/common/status.h"
#include "core/convert/bundle.h"
#include "core/fitbit/file_kinds.h"
#include "simdjson.h"

namespace ts::convert {

// The weight side: weight JSON, weight.csv, height JSON, height.csv, body_fat.csv, Profile.csv — what the
// weigh-ins, their unit (heights and BMI are its evidence) and the export's own UTC offsets
// come from, by the file's class (classify_file). The plan reads exactly these to make the
// weigh-ins its weight steps carry (weight_steps.h).
bool is_weight_side(const fitbit::FileClass& c);

// A file of a kind the table marks light: the weight side, exercise JSON, resting heart rate.
bool is_light_file(std::string_view path);

// The "sizes" member of a plan's options: bytes of files sent without their data, in one of
// two forms:
//   {"<path>": bytes, …}  a file it does not name has its data's length (the CLI's form);
//   [bytes, …]            one size per file of the bundle, in bundle order: the Worker's and
//                         the page's form (core.js). The object named every heavy file again
//                         (110 KB of a ten-year plan's 125 KB of options), and parsing it was
//                         a twelfth of the plan's CPU in V8's baseline tier.
class FileSizes {
 public:
  FileSizes() = default;
  FileSizes(const FileSizes&) = delete;  // the map's keys are views into text_
  FileSizes& operator=(const FileSizes&) = delete;

  // From the parsed options (`doc` need not outlive it: the names are copied). `files`: the
  // bundle's file count, which a list must match.
  // Errors: invalid_argument when "sizes" is neither form, of non-negative integers.
  static Error read(simdjson::dom::element doc, size_t files, FileSizes& out);

  // The size of the bundle's file `i` (`f`): from "sizes" when it gives one — a file sent
  // without its bytes, or with its digest in their place (exercise_digest.h) — else its data's
  // length (as given: bundle.h).
  uint64_t of(size_t i, const BundleFile& f) const;

 private:
  std::vector<uint64_t> list_;  // the list form
  bool listed_ = false;
  // Looked up for every file of every step (~10,000 times in a ten-year plan): a tree of
  // compare_bytes (no memcmp call), not a hash: the names are the client's (same_bytes.h
  // BytesLess).
  std::string text_;                   // the names, back to back (the views below point into it)
  NameMap<uint64_t> sizes_;
};

}  // namespace ts::convert
