#include "core/fitbit/tcx_point_layout.h"

#include <utility>

#include "core/common/blank_text.h"
#include "core/common/byte_words.h"
#include "core/common/same_bytes.h"

namespace ts::fitbit {

namespace {

// A layout with more slots than this is not kept (a trackpoint holds about ten values).
constexpr size_t kMaxSlots = 64;

// Where the run starting at `p` ends: the next '<' or NUL, or the end. Eight bytes at a time
// while eight remain (a value is about ten bytes; the byte loop was a fifth of a match).
size_t run_end(std::string_view bytes, size_t p) {
  for (; bytes.size() - p >= 8; p += 8) {
    const uint64_t x = words::load(bytes.data() + p);
    if (const uint64_t m = words::equal_to(x, '<') | words::equal_to(x, '\0')) return p + words::first_flagged(m);
  }
  while (p < bytes.size() && bytes[p] != '<' && bytes[p] != '\0') ++p;
  return p;
}

}  // namespace

void PointLayout::start(size_t begin) {
  begin_ = begin;
  slots_.clear();
  captures_ = 0;
  evaluations_.clear();
  recording_ = true;
}

int PointLayout::capture(size_t begin, size_t end) {
  if (!recording_) return -1;
  slots_.push_back({begin, end, true});
  return captures_++;
}

void PointLayout::skip(size_t begin, size_t end) {
  if (recording_) slots_.push_back({begin, end, false});
}

void PointLayout::evaluated(PointField field, int capture) {
  if (recording_) evaluations_.push_back({field, capture});
}

void PointLayout::finish(std::string_view doc, size_t end) {
  if (!recording_) return;
  recording_ = false;
  if (slots_.size() > kMaxSlots) return;
  Layout l;
  size_t from = begin_;
  for (const Slot& s : slots_) {
    l.literals.push_back(doc.substr(from, s.begin - from));
    l.capture.push_back(s.capture);
    from = s.end;
  }
  l.literals.push_back(doc.substr(from, end - from));
  l.evaluations = evaluations_;
  if (layouts_.size() == kLayouts) layouts_.pop_back();
  layouts_.insert(layouts_.begin(), std::move(l));
}

bool PointLayout::match_one(const Layout& l, std::string_view bytes, size_t at, std::vector<PointValue>& values, size_t& end) const {
  // Where each capture lies (left uninitialised: a point holds ~8 of the 64).
  struct Found {
    const char* data;
    size_t size;
  } found[kMaxSlots];
  size_t p = at;
  int captured = 0;
  for (size_t i = 0; i < l.literals.size(); ++i) {
    const std::string_view lit = l.literals[i];
    if (bytes.size() - p < lit.size() || !same_bytes(bytes.substr(p, lit.size()), lit)) return false;
    p += lit.size();
    if (i + 1 == l.literals.size()) break;
    const size_t b = p;
    p = run_end(bytes, p);
    if (p == bytes.size() || bytes[p] == '\0') return false;  // the end inside a run
    if (l.capture[i]) {
      if (blank_text(bytes.substr(b, p - b))) return false;
      found[captured++] = {bytes.data() + b, p - b};
    }
  }
  values.clear();
  for (const Evaluation& e : l.evaluations)
    values.push_back({e.field, e.capture < 0 ? std::string_view() : std::string_view(found[e.capture].data, found[e.capture].size)});
  end = p;
  return true;
}

bool PointLayout::match(const XmlTokens& doc, size_t at, std::vector<PointValue>& values, size_t& end) {
  const std::string_view bytes = doc.bytes();
  for (size_t k = 0; k < layouts_.size(); ++k)
    if (match_one(layouts_[k], bytes, at, values, end)) {
      if (k > 0) std::swap(layouts_[0], layouts_[k]);  // tried first next time
      return true;
    }
  return false;
}

}  // namespace ts::fitbit
