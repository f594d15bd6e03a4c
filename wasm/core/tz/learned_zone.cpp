#include "core/tz/learned_zone.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace ts::tz {

namespace {

void sort_unique(std::vector<OffsetObservation>& obs) {
  std::sort(obs.begin(), obs.end(), [](const OffsetObservation& a, const OffsetObservation& b) {
    return a.utc_sec != b.utc_sec ? a.utc_sec < b.utc_sec : a.offset_sec != b.offset_sec ? a.offset_sec < b.offset_sec : a.workout < b.workout;
  });
  // Two observations at one instant with different offsets cannot both be right; the first
  // (the smaller offset, then a weigh-in's) is kept so the result never depends on input order.
  obs.erase(std::unique(obs.begin(), obs.end(),
                        [](const OffsetObservation& a, const OffsetObservation& b) { return a.utc_sec == b.utc_sec; }),
            obs.end());
}

// What governs a stretch of time: the chosen zone, or one fixed offset.
struct Source {
  bool chosen = true;
  int32_t offset = 0;
  bool operator==(const Source& o) const { return chosen == o.chosen && (chosen || offset == o.offset); }
};

Source source_at(const OffsetObservation& o, const Zone& z) {
  if (z.offset_at(o.utc_sec) == o.offset_sec) return {};
  return {false, o.offset_sec};
}

// Appends the transitions of `s` over [from, to) (to = INT64_MAX for "onwards").
void emit(const Source& s, int64_t from, int64_t to, const Zone& z, std::vector<Transition>& out) {
  auto push = [&](int64_t utc, int32_t off) {
    if (!out.empty() && out.back().offset_sec == off) return;
    if (!out.empty() && out.back().utc_sec >= utc) {
      out.back().offset_sec = off;  // a piece that starts where the last one did replaces it
      if (out.size() >= 2 && out[out.size() - 2].offset_sec == off) out.pop_back();
      return;
    }
    out.push_back({utc, off});
  };
  if (!s.chosen) {
    push(from, s.offset);
    return;
  }
  push(from, z.offset_at(from));
  for (const Transition& t : z.transitions())
    if (t.utc_sec > from && t.utc_sec < to) push(t.utc_sec, t.offset_sec);
}

}  // namespace

std::vector<OffsetPeriod> offset_periods(std::vector<OffsetObservation> obs, const Zone* chosen) {
  sort_unique(obs);
  std::vector<OffsetPeriod> out;
  for (const OffsetObservation& o : obs) {
    if (out.empty() || out.back().offset_sec != o.offset_sec) {
      OffsetPeriod p;
      p.first_utc = o.utc_sec;
      p.offset_sec = o.offset_sec;
      out.push_back(p);
    }
    OffsetPeriod& p = out.back();
    p.last_utc = o.utc_sec;
    ++p.observations;
    p.workouts += o.workout;
    if (chosen && chosen->offset_at(o.utc_sec) != o.offset_sec) ++p.disagreeing;
  }
  return out;
}

Error learned_zone(std::vector<OffsetObservation> obs, const Zone& chosen, Zone& out) {
  sort_unique(obs);
  std::vector<Source> src;
  src.reserve(obs.size());
  bool all_chosen = true;
  for (const OffsetObservation& o : obs) {
    src.push_back(source_at(o, chosen));
    all_chosen = all_chosen && src.back().chosen;
  }
  if (all_chosen) {
    out = chosen;
    return {};
  }
  std::vector<Transition> t;
  const Source zone_source;
  // Before the evidence: the chosen zone, then the first observation's source for kReach.
  const int64_t start = obs.front().utc_sec - kReach;
  for (const Transition& z : chosen.transitions())
    if (z.utc_sec < start) t.push_back(z);
  if (t.empty()) t.push_back({start - 1, chosen.offset_at(start - 1)});
  emit(src.front(), start, obs.front().utc_sec, chosen, t);
  for (size_t i = 0; i + 1 < obs.size(); ++i) {
    const int64_t a = obs[i].utc_sec, b = obs[i + 1].utc_sec;
    if (src[i] == src[i + 1]) {
      emit(src[i], a, b, chosen, t);
    } else {
      const int64_t mid = a + (b - a) / 2;
      emit(src[i], a, mid, chosen, t);
      emit(src[i + 1], mid, b, chosen, t);
    }
  }
  const int64_t end = obs.back().utc_sec + kReach;
  emit(src.back(), obs.back().utc_sec, end, chosen, t);
  emit(zone_source, end, INT64_MAX, chosen, t);
  return Zone::make(std::move(t), out);
}

std::string offset_text(int32_t offset_sec) {
  const int32_t a = std::abs(offset_sec);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%c%02d:%02d", offset_sec < 0 ? '-' : '+', a / 3600, (a % 3600) / 60);
  return buf;
}

}  // namespace ts::tz
