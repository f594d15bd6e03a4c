#include "core/convert/output_budget.h"

#include <cstdio>

namespace ts::convert {

OutputBudget::OutputBudget(uint64_t input_bytes)
    : input_(input_bytes),
      max_bytes_(kOutputBytesPerInputByte * input_bytes + kOutputSlackBytes),
      max_files_(input_bytes / kInputBytesPerOutputFile + kOutputSlackFiles) {}

OutputBudget OutputBudget::for_bundle(const BundleView& in) {
  uint64_t total = 0;
  for (const BundleFile& f : in.files) total += f.given_size();
  return OutputBudget(total);
}

Error OutputBudget::reserve(uint64_t files, uint64_t bytes, std::string_view what, std::string_view leave_out) {
  if (used_files_ + files > max_files_)
    return fail(Status::capacity, "the conversion would write more than " + std::to_string(max_files_) + " files for " +
                                      size_text(input_) + " of export files (" + std::string(what) + " make " +
                                      std::to_string(files) + "); " + std::string(leave_out));
  if (used_bytes_ + bytes > max_bytes_)
    return fail(Status::capacity, "the conversion would write more than " + size_text(max_bytes_) + " for " +
                                      size_text(input_) + " of export files (" + std::string(what) + " need up to " +
                                      size_text(bytes) + "); " + std::string(leave_out));
  used_files_ += files;
  used_bytes_ += bytes;
  return {};
}

void OutputBudget::settle(uint64_t reserved_bytes, uint64_t actual_bytes) {
  used_bytes_ = used_bytes_ - reserved_bytes + actual_bytes;
}

std::string size_text(uint64_t bytes) {
  char buf[32];
  if (bytes < 1000) std::snprintf(buf, sizeof buf, "%llu bytes", static_cast<unsigned long long>(bytes));
  else if (bytes < 1000 * 1000) std::snprintf(buf, sizeof buf, "%llu KB", static_cast<unsigned long long>((bytes + 999) / 1000));
  else std::snprintf(buf, sizeof buf, "%.1f MB", static_cast<double>(bytes) / 1e6);
  return buf;
}

}  // namespace ts::convert
