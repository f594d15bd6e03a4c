// Whether a file's text holds nothing but JSON/XML whitespace (space, tab, CR, LF). One rule
// for "an empty file" wherever the core asks it — a TCX track saved empty (the reader and the
// plan's report, which must agree on which workouts have a track) and a copied other-health
// JSON (no records) — so that a file judged empty in one place is judged empty in all.
#pragma once
#include <string_view>

namespace ts {

inline bool blank_text(std::string_view text) {
  for (char c : text)
    if (c != ' ' && c != '\t' && c != '\r' && c != '\n') return false;
  return true;
}

}  // namespace ts
