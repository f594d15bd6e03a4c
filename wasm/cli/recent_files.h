// The files a conversion's last steps read, kept up to a byte bound. Consecutive workouts read
// the same heart-rate days (two or three days of 1-4 MB each per workout), and each step reading
// them again from the folder or the zip cost a real export of 569 workouts 27 s, nearly all of it
// copying and reading the same days (helper finding). The bound keeps memory independent of the
// export: the steps still hold one step's files at a time, plus at most `max_bytes` kept.
#pragma once
#include <cstddef>
#include <list>
#include <string>
#include <utility>

namespace ts::cli {

class RecentFiles {
 public:
  explicit RecentFiles(size_t max_bytes) : max_bytes_(max_bytes) {}

  // The bytes of `name`: kept, or read by read(std::string& out) -> bool and then kept, the
  // least recently used dropped until the bound holds (a file over the bound alone is handed
  // on, not kept). Null when read() fails. The pointer is good until the next call.
  template <typename Read>
  const std::string* get(const std::string& name, Read&& read) {
    for (auto it = kept_.begin(); it != kept_.end(); ++it)
      if (it->first == name) {
        kept_.splice(kept_.begin(), kept_, it);  // most recent first
        return &kept_.front().second;
      }
    std::string data;
    if (!read(data)) return nullptr;
    if (data.size() > max_bytes_) {
      passing_ = std::move(data);
      return &passing_;
    }
    while (!kept_.empty() && bytes_ + data.size() > max_bytes_) {
      bytes_ -= kept_.back().second.size();
      kept_.pop_back();
    }
    bytes_ += data.size();
    kept_.emplace_front(name, std::move(data));
    return &kept_.front().second;
  }

  size_t bytes() const { return bytes_; }

 private:
  size_t max_bytes_;
  size_t bytes_ = 0;
  std::list<std::pair<std::string, std::string>> kept_;
  std::string passing_;  // the last file too large to keep
};

}  // namespace ts::cli
