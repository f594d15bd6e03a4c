// A trackpoint read along the bytes of one read before it. A device writes every trackpoint of
// a track the same way: the same tags, attributes and whitespace, only the values differ. So
// once the tokenizer has read one trackpoint, the next is checked against it byte for byte
// outside the values and its values are taken where the first's were — most of a track is
// read by comparing eight bytes at a time (docs/benchmarks.md, bench-workout).
//
// Terms, defined once:
//   layout  — one trackpoint's bytes cut at its values: the literal pieces between them, and
//             for each value element the reader evaluated (at its end tag, in document order)
//             which captured value it took, or none (an element without text).
//   capture — a value's place in a trackpoint: its element's first text run that is not only
//             whitespace (the run the reader takes, xml_tokens.h). In a matching trackpoint it
//             is the bytes from the end of the literal before it to the next '<'.
//
// Why a match reads exactly what the tokenizer would: the literals are equal byte for byte and
// a capture holds no '<' and no NUL, so tokenizing the matched bytes gives the same tokens as
// the layout's, with each captured run in place of the other; a captured run that is only
// whitespace would not be the run the reader takes, so it is no match. A trackpoint that does
// not match is read by the tokenizer, and becomes the layout the next is checked against.
#pragma once
#include <cstdint>
#include <string_view>
#include <vector>

#include "core/fitbit/xml_tokens.h"

namespace ts::fitbit {

// The trackpoint values the reader evaluates, in the order tcx_reader.cpp defines them.
enum class PointField : uint8_t { time, latitude, longitude, altitude, distance, heart_rate, cadence, speed, run_cadence };

// What a matched trackpoint gives: each evaluated element, in the order the reader evaluates
// them, with its text (empty for an element without text).
struct PointValue {
  PointField field;
  std::string_view text;
};

class PointLayout {
 public:
  // While the tokenizer reads a trackpoint: it starts at `begin`; a value element took the run
  // [begin, end); a value element ended, having taken capture `capture` (-1: none).
  void start(size_t begin);
  int capture(size_t begin, size_t end);
  void evaluated(PointField field, int capture);
  // The trackpoint ended at `end` (past its end tag): it is the layout from now on.
  void finish(std::string_view doc, size_t end);

  // Whether the bytes of `doc` at `at` are a trackpoint of this layout; if so, its values into
  // `values` (cleared first) and where it ends into `end`.
  bool match(const XmlTokens& doc, size_t at, std::vector<PointValue>& values, size_t& end) const;

 private:
  struct Span {
    size_t begin, end;
  };
  struct Evaluation {
    PointField field;
    int capture;
  };
  // Being recorded.
  size_t begin_ = 0;
  std::vector<Span> captures_;
  std::vector<Evaluation> evaluations_;
  bool recording_ = false;
  // The layout: literal i precedes capture i; the last literal ends the trackpoint.
  std::vector<std::string_view> literals_;
  std::vector<Evaluation> layout_evaluations_;
  bool ready_ = false;
};

}  // namespace ts::fitbit
