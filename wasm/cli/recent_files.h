// The files a conversion's last steps read, kept up to a byte bound. Consecutive workouts read
// the same heart-rate days (two or three days of 1-4 MB each per workout), and each step reading
// them again from the folder or the zip cost a real export of 569 workouts 27 s, nearly all of it
// copying and reading the same days (helper finding). The bound keeps memory independent of the
// export: the steps still hold one step's files at a time, plus at most `max_bytes` kept.
//
// A file over the bound is kept too, apart from it: the last kLarge such files. A step must
// hold such a file whole anyway, and Google's per-second files are a month a file (a month of
// heart rate each second is ~94 MB), read by every workout of that month. Handed on unkept,
// each workout read the month again: three months of 52 workouts took 136 s and 678 MB, nearly
// all of it reading and copying the same file. Memory then follows the largest files, as a
// step's own does, and never the export.
//
// A file is handed out shared, with kReadablePadding zero bytes after its data, so a step
// reads it in place (core/convert/bundle.h BundleView::padded) for as long as it holds it,
// whatever the next reads drop.
#pragma once
#include <cstddef>
#include <list>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

#include "core/convert/bundle.h"

namespace ts::cli {

class RecentFiles {
 public:
  // The bytes and the readable padding after them.
  struct File {
    std::string padded;  // data, then kReadablePadding zero bytes
    std::string_view data() const { return {padded.data(), padded.size() - convert::kReadablePadding}; }
  };
  using Held = std::shared_ptr<const File>;
  static constexpr size_t kLarge = 2;  // a step may read two months (a heart rate, a track)

  explicit RecentFiles(size_t max_bytes) : max_bytes_(max_bytes) {}

  // The bytes of `name`: kept, or read by read(std::string& out) -> bool and then kept, the
  // least recently used dropped until the bound holds (a file over the bound: among the last
  // kLarge such files). Null when read() fails.
  template <typename Read>
  Held get(const std::string& name, Read&& read) {
    for (auto* list : {&kept_, &large_})
      for (auto it = list->begin(); it != list->end(); ++it)
        if (it->first == name) {
          list->splice(list->begin(), *list, it);  // most recent first
          return list->front().second;
        }
    auto file = std::make_shared<File>();
    if (!read(file->padded)) return nullptr;
    const size_t size = file->padded.size();
    file->padded.append(convert::kReadablePadding, '\0');
    if (size > max_bytes_) {
      if (large_.size() == kLarge) large_.pop_back();
      large_.emplace_front(name, std::move(file));
      return large_.front().second;
    }
    while (!kept_.empty() && bytes_ + size > max_bytes_) {
      bytes_ -= kept_.back().second->data().size();
      kept_.pop_back();
    }
    bytes_ += size;
    kept_.emplace_front(name, std::move(file));
    return kept_.front().second;
  }

  // The bytes kept within the bound (the large files apart).
  size_t bytes() const { return bytes_; }

 private:
  size_t max_bytes_;
  size_t bytes_ = 0;
  std::list<std::pair<std::string, Held>> kept_;
  std::list<std::pair<std::string, Held>> large_;
};

}  // namespace ts::cli
