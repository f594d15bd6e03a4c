// A trackpoint read along the bytes of one read before it. A device writes the trackpoints of
// a track the same way: the same tags, attributes and whitespace, only the values differ. So
// once the tokenizer has read a trackpoint, the next is checked against it byte for byte
// outside the values and its values are taken where the first's were — most of a track is
// read by comparing eight bytes at a time (docs/benchmarks.md, bench-workout).
//
// Terms, defined once:
//   layout  — one trackpoint's bytes cut at its slots: the literal pieces between them, and
//             for each value element the reader evaluated (at its end tag, in document order)
//             which slot it took, or none (an element without text).
//   slot    — a text run of the trackpoint that is not compared: a capture or a skip. In a
//             matching trackpoint it is the bytes from the end of the literal before it to the
//             next '<'.
//   capture — a value element's first text run that is not only whitespace (the run the
//             reader takes, xml_tokens.h).
//   skip    — a text run, not only whitespace, of an element the reader does not read (a
//             power meter's <Watts>, which changes every point): its bytes cannot change what
//             the reader reads, so they are not compared.
//
// Why a match reads exactly what the tokenizer would: the literals are equal byte for byte and
// a slot holds no '<' and no NUL, so tokenizing the matched bytes gives the same tokens as the
// layout's, with each slot's run in place of the other; a captured run that is only
// whitespace would not be the run the reader takes, so it is no match (a skipped run may be
// anything). A trackpoint that matches no layout is read by the tokenizer and becomes a
// layout; the last kLayouts are kept, the one that matched last tried first, since a device
// may alternate two shapes (a heart rate every other point).
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
  static constexpr size_t kLayouts = 4;

  // While the tokenizer reads a trackpoint: it starts at `begin`; a value element took the run
  // [begin, end) (its capture's number is returned); the reader passed over the run [begin,
  // end) of an element it does not read; a value element ended, having taken capture
  // `capture` (-1: none).
  void start(size_t begin);
  int capture(size_t begin, size_t end);
  void skip(size_t begin, size_t end);
  void evaluated(PointField field, int capture);
  // The trackpoint being read holds a CDATA section: it is not kept. No trackpoint could be
  // laid along it (a slot runs to the next '<', past the section's "]]>", where the literal
  // after it starts), and kept it would push out a layout that can be.
  void forget() { recording_ = false; }
  // The trackpoint ended at `end` (past its end tag): it is the first layout tried from now on.
  void finish(std::string_view doc, size_t end);

  // Whether the bytes of `doc` at `at` are a trackpoint of a kept layout; if so, its values
  // into `values` (cleared first) and where it ends into `end`.
  bool match(const XmlTokens& doc, size_t at, std::vector<PointValue>& values, size_t& end);

 private:
  struct Slot {
    size_t begin, end;
    bool capture;  // else a skip
  };
  struct Evaluation {
    PointField field;
    int capture;  // the capture's number among the captures, -1: none
  };
  struct Layout {
    std::vector<std::string_view> literals;  // literal i precedes slot i; the last ends the point
    std::vector<uint8_t> capture;            // slot i is a capture (else a skip)
    std::vector<Evaluation> evaluations;
  };
  bool match_one(const Layout& l, std::string_view bytes, size_t at, std::vector<PointValue>& values, size_t& end) const;

  // Being recorded.
  size_t begin_ = 0;
  std::vector<Slot> slots_;
  int captures_ = 0;
  std::vector<Evaluation> evaluations_;
  bool recording_ = false;
  // Kept layouts, the one to try first at the front.
  std::vector<Layout> layouts_;
};

}  // namespace ts::fitbit
