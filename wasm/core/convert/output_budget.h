// What one conversion may write, decided from what it was given — before anything large is
// allocated, so a small upload can neither make a large download nor run the core out of
// memory.
//
// Terms, defined once:
//   input bytes   — the sum of the export files' sizes in the conversion's bundle.
//   budget        — at most kOutputBytesPerInputByte × input + kOutputSlackBytes bytes of
//                   output (files plus their manifest entries), and at most
//                   input / kInputBytesPerOutputFile + kOutputSlackFiles files. A real export
//                   writes well under 1 byte per input byte (a weigh-in, a heart-rate reading or
//                   a track point becomes a FIT record a fraction of its JSON or XML size); the
//                   slack covers a small export's fixed costs (a FIT file's header, its manifest
//                   entry, IMPORT.txt).
//   reservation   — an output's upper bound, taken from the budget before the output is made
//                   (e.g. an activity FIT's records are at most its duration at 1 Hz, and each
//                   heart-rate reading feeds one workout). A reservation that does not fit is a
//                   capacity error that says what to leave out; once made, the output's real
//                   size replaces the bound.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/common/status.h"
#include "core/convert/bundle.h"

namespace ts::convert {

inline constexpr uint64_t kOutputBytesPerInputByte = 4;
inline constexpr uint64_t kOutputSlackBytes = 1 << 20;
inline constexpr uint64_t kInputBytesPerOutputFile = 256;
inline constexpr uint64_t kOutputSlackFiles = 64;
// A manifest entry's bytes beyond its strings (path, names): keys, numbers, punctuation.
inline constexpr uint64_t kManifestEntryBytes = 384;
// What a capacity error about workouts says to leave out (the plan, a workout step, assembly).
inline constexpr const char* kLeaveOutWorkouts =
    "leave out workouts (convert without the \"workouts\" kind), or upload fewer exercise files at a time";

class OutputBudget {
 public:
  explicit OutputBudget(uint64_t input_bytes);
  static OutputBudget for_bundle(const BundleView& in);

  // Takes room for `files` outputs of at most `bytes` in all, made of `what` ("1,450 workouts");
  // refused (capacity) with `leave_out` — what the caller can leave out — when it does not fit.
  Error reserve(uint64_t files, uint64_t bytes, std::string_view what, std::string_view leave_out);
  // Replaces a reservation's bound by the size the output really has (at most the bound:
  // tests/cpp/output_budget_test.cpp checks every bound the producers use).
  void settle(uint64_t reserved_bytes, uint64_t actual_bytes);

  uint64_t input_bytes() const { return input_; }
  uint64_t max_bytes() const { return max_bytes_; }
  uint64_t max_files() const { return max_files_; }
  uint64_t used_bytes() const { return used_bytes_; }
  uint64_t used_files() const { return used_files_; }

 private:
  uint64_t input_, max_bytes_, max_files_;
  uint64_t used_bytes_ = 0, used_files_ = 0;
};

// "192 KB", "1.8 MB": sizes as the error messages say them.
std::string size_text(uint64_t bytes);

}  // namespace ts::convert
