// Whether a file's text holds nothing but JSON/XML whitespace (space, tab, CR, LF). One test
// for "an empty file" wherever the core has the bytes to ask it — a TCX track saved empty (the
// reader, and the plan's report when it is given the track) and a copied other-health JSON (no
// records). A plan given a track's size alone (the page and the server send heavy files later)
// can tell only a size of 0; the step that reads the track says the rest.
#pragma once
#include <string_view>

namespace ts {

inline bool blank_text(std::string_view text) {
  for (char c : text)
    if (c != ' ' && c != '\t' && c != '\r' && c != '\n') return false;
  return true;
}

}  // namespace ts
