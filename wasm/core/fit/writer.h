// A FIT file writer: header, definition and data messages, CRCs. The whole API is
// "describe a message by the profile's numbers, write it, finish". Everything it knows about
// a message comes from profile.h; it has no per-message code.
//
// Deterministic: the same sequence of messages always gives the same bytes. Only normal
// record headers are written — never compressed-timestamp headers, which Garmin's own JS
// decoder refuses.
//
// Terms:
//   definition message — tells the reader the layout (fields, sizes, types) that data
//                        messages with a given local message type will have.
//   local message type — 0-15, the slot a definition occupies; a data message names its
//                        slot. We give each distinct (message, set of present fields) a slot
//                        and redefine round-robin when all 16 are taken.
#pragma once
#include <array>
#include <cstdint>
#include <memory>
#include <string>

#include "core/common/status.h"
#include "core/fit/profile.h"

namespace ts::fit {

// One message to write: its global number and the fields that are present. Absent fields
// are simply not set (the writer leaves them out, it never writes a zero for them).
class Mesg {
 public:
  static constexpr size_t kMaxFields = 32;  // session, the widest message we write, sets 28
  explicit Mesg(uint16_t num) : num_(num) {}

  // A physical value; the writer applies the field's scale and offset and rounds.
  Mesg& set(uint8_t field, double value);
  // A value already in the field's raw units (enums, counts, ids).
  Mesg& set_raw(uint8_t field, int64_t raw);
  // A Unix time in seconds, stored as FIT date_time (seconds since 1989-12-31T00:00:00Z).
  Mesg& set_time(uint8_t field, int64_t unix_sec) { return set_raw(field, unix_sec - kFitEpochUnix); }

  uint16_t num() const { return num_; }

 private:
  friend class Writer;
  struct Value {
    uint8_t field;
    bool physical;
    double value;
    int64_t raw;
  };
  uint16_t num_;
  std::array<Value, kMaxFields> values_;  // only the first count_ are ever read
  uint8_t count_ = 0;
  bool overflow_ = false;
};

// A physical value in a field's raw units, as Writer::write stores it: (value + offset) × scale,
// rounded half away from zero. false when that is not finite or past ±9e15 (write() says the
// field is out of range); whether the field's type holds it is checked when it is written.
bool physical_to_raw(const FieldDef& f, double value, int64_t& raw);
// A finite scaled value (|scaled| ≤ 9e15) rounded half away from zero, a decimal half that
// binary holds a hair below it counted as the half (below 2^32, the raw values FIT fields
// hold; past it, plain rounding): what physical_to_raw stores, and what anything that shows a
// FIT value beside it (the weight preview) must round with.
int64_t round_half_away(double scaled);

class Writer {
 public:
  // `expected_bytes`: a guess of the records' size, to allocate once.
  explicit Writer(size_t expected_bytes = 0);
  // Appends one message (and its definition when the layout is new). Errors: unsupported
  // (message or field not in the profile table), integrity (a value out of the field's range).
  // On error nothing is appended.
  Error write(const Mesg& m);
  // Header with sizes and CRC, records, file CRC. The writer is spent afterwards.
  std::string finish();

  size_t data_size() const { return size_ - kHeaderSize; }

  static constexpr size_t kHeaderSize = 14;
  static constexpr uint8_t kProtocolVersion = 0x20;  // 2.0
  static constexpr uint16_t kProfileVersion = 21217;  // 21.217, major*1000 + minor

 private:
  struct Slot {
    uint16_t global = 0;
    uint64_t fields = 0;  // bit i = the message's field table entry i is present
    bool used = false;
  };
  // Appends n bytes of room and returns where they start (no zero-filling: every byte is
  // written right after).
  uint8_t* grow(size_t n);
  // The profile entry of a message, with a field-number -> table-index map built once per
  // run of the same message (files are long runs of one message): O(1) field lookups.
  const MessageDef* lookup(uint16_t num);

  const MessageDef* def_ = nullptr;
  std::array<int8_t, 256> index_of_{};
  // Per field table entry of def_, filled with index_of_: its size on the wire and the raw
  // values its type accepts (two compares per value, not a switch on its type).
  struct FieldWire {
    uint8_t size;
    int64_t lo, hi;
  };
  std::array<FieldWire, 64> wire_{};

  std::unique_ptr<uint8_t[]> buf_;
  size_t size_ = 0, cap_ = 0;
  std::array<Slot, 16> slots_{};
  uint8_t next_slot_ = 0;
  uint8_t last_slot_ = 0;
};

}  // namespace ts::fit
