#include "core/fitbit/tcx_point_layout.h"

#include "core/common/byte_words.h"
#include "core/common/same_bytes.h"

namespace ts::fitbit {

namespace {

// A layout with more values than this is not kept (a trackpoint holds about ten).
constexpr size_t kMaxCaptures = 32;

// Where the value starting at `p` ends: the next '<' or NUL, or the end. Eight bytes at a
// time while eight remain (a value is about ten bytes; the byte loop was a fifth of a match).
size_t value_end(std::string_view bytes, size_t p) {
  for (; bytes.size() - p >= 8; p += 8)
    if (const uint64_t m = words::equal_to(words::load(bytes.data() + p), '<') | words::equal_to(words::load(bytes.data() + p), '\0'))
      return p + words::first_flagged(m);
  while (p < bytes.size() && bytes[p] != '<' && bytes[p] != '\0') ++p;
  return p;
}

bool blank(std::string_view s) {
  for (char c : s)
    if (!xml_space(c)) return false;
  return true;
}

}  // namespace

void PointLayout::start(size_t begin) {
  begin_ = begin;
  captures_.clear();
  evaluations_.clear();
  recording_ = true;
}

int PointLayout::capture(size_t begin, size_t end) {
  if (!recording_) return -1;
  captures_.push_back({begin, end});
  return static_cast<int>(captures_.size()) - 1;
}

void PointLayout::evaluated(PointField field, int capture) {
  if (recording_) evaluations_.push_back({field, capture});
}

void PointLayout::finish(std::string_view doc, size_t end) {
  if (!recording_) return;
  recording_ = false;
  ready_ = false;
  if (captures_.size() > kMaxCaptures) return;
  literals_.clear();
  size_t from = begin_;
  for (const Span& c : captures_) {
    literals_.push_back(doc.substr(from, c.begin - from));
    from = c.end;
  }
  literals_.push_back(doc.substr(from, end - from));
  layout_evaluations_ = evaluations_;
  ready_ = true;
}

bool PointLayout::match(const XmlTokens& doc, size_t at, std::vector<PointValue>& values, size_t& end) const {
  if (!ready_) return false;
  const std::string_view bytes = doc.bytes();
  // Where each capture lies (left uninitialised: a point holds ~8 of the 32).
  struct Found {
    size_t begin, end;
  } found[kMaxCaptures];
  size_t p = at;
  for (size_t i = 0; i < literals_.size(); ++i) {
    const std::string_view lit = literals_[i];
    if (bytes.size() - p < lit.size() || !same_bytes(bytes.substr(p, lit.size()), lit)) return false;
    p += lit.size();
    if (i + 1 == literals_.size()) break;
    const size_t b = p;
    p = value_end(bytes, p);
    if (p == bytes.size() || bytes[p] == '\0') return false;  // the end inside a value
    found[i] = {b, p};
    if (blank(bytes.substr(b, p - b))) return false;
  }
  values.clear();
  for (const Evaluation& e : layout_evaluations_) {
    const std::string_view text = e.capture < 0 ? std::string_view() : bytes.substr(found[e.capture].begin, found[e.capture].end - found[e.capture].begin);
    values.push_back({e.field, text});
  }
  end = p;
  return true;
}

}  // namespace ts::fitbit
