// Weigh-ins -> FIT weight files Garmin Connect imports as weight (file_id.type 9: a file of
// activity type 4 is filed as an activity, not as weigh-ins), with a bounded number of
// weigh-ins per file.
//
// Each file: the preamble (fit/preamble.h; time_created is the first weigh-in's time), then one
// weight_scale message per weigh-in in ascending time.
#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "core/common/status.h"
#include "core/weight/weight_entries.h"

namespace ts::weight {

inline constexpr size_t kDefaultPerFile = 250;
inline constexpr size_t kMaxPerFile = 5000;

// A weigh-in as its weight_scale record holds it: the time and each field's raw value (weight in
// 0.01 kg, body fat in 0.01 %, BMI in 0.1), rounded as the FIT writer rounds a physical value.
// What a weight step carries from the plan (convert/weight_steps.h): whole numbers, so they
// are written and read exactly, cheaply, and the file is the one the weigh-in would make.
struct WeighInRecord {
  int64_t utc_sec = 0;
  int64_t weight = 0;
  std::optional<int64_t> fat, bmi;
};

// The greatest raw values the plan's weigh-ins give (weight_entries.h: 655.34 kg, 100 %, BMI
// 6553): a record past them is not one a weigh-in makes.
inline constexpr int64_t kMaxWeightRaw = 65534, kMaxFatRaw = 10000, kMaxBmiRaw = 65530;

// The records of `count` weigh-ins, into out[0, count). integrity when a value is not finite or
// far out of range (the weigh-ins made from an export never are: weight_entries.h).
Error records_of(const WeighIn* in, size_t count, WeighInRecord* out);

// The most bytes a weight file of `count` records takes: header, preamble, the weight_scale
// definitions (one per layout: fat and BMI each present or not) and CRC within the fixed part,
// then at most 11 bytes per record (header, time, weight, fat, BMI). For the output budget
// (convert/output_budget.h); tests/cpp/output_budget_test.cpp holds files to it.
inline constexpr size_t weight_fit_bytes_bound(size_t count) { return 256 + 16 * count; }

// Writes records[first, first+count) as one FIT file; the weigh-ins' form writes their records.
Error write_weight_fit(const WeighInRecord* records, size_t count, std::string& out);
Error write_weight_fit(const WeighIn* entries, size_t count, std::string& out);

}  // namespace ts::weight
