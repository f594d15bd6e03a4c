// The subset of Garmin's FIT profile TrackerSync writes, as data. Adding a message (or a
// field) is a table entry in profile.cpp, never new writer code.
//
// Terms:
//   global message number — the profile's id for a message kind (file_id = 0, …).
//   field number          — the id of a field inside its message (253 is always timestamp).
//   base type             — the wire type of a field; its high bit marks multi-byte types
//                           that have an endianness.
//   scale / offset        — a field's stored (raw) integer is (value + offset) × scale.
//   invalid value         — each base type reserves one raw value meaning "not set"; we
//                           never write it: an absent field is left out of the definition.
#pragma once
#include <cstdint>
#include <string_view>

namespace ts::fit {

enum class BaseType : uint8_t {
  enum_ = 0x00,
  sint8 = 0x01,
  uint8 = 0x02,
  sint16 = 0x83,
  uint16 = 0x84,
  sint32 = 0x85,
  uint32 = 0x86,
  uint8z = 0x0A,
  uint16z = 0x8B,
  uint32z = 0x8C,
};

// Size in bytes of one value of a base type: the low nibble of the type number names the
// type (0x0 enum … 0xC uint32z); sizes by that nibble.
constexpr uint8_t base_type_size(BaseType t) {
  constexpr uint8_t kSize[16] = {1, 1, 1, 2, 2, 4, 4, 1, 4, 8, 1, 2, 4, 1, 8, 8};
  return kSize[static_cast<uint8_t>(t) & 0x0F];
}
// The range of raw values a field of this type may carry (its invalid value excluded).
// Inline: the writer asks for every value it writes.
inline bool base_type_accepts(BaseType t, int64_t raw) {
  switch (t) {
    case BaseType::enum_: case BaseType::uint8: return raw >= 0 && raw < 0xFF;
    case BaseType::sint8: return raw >= -128 && raw < 0x7F;
    case BaseType::uint8z: return raw > 0 && raw <= 0xFF;
    case BaseType::sint16: return raw >= -32768 && raw < 0x7FFF;
    case BaseType::uint16: return raw >= 0 && raw < 0xFFFF;
    case BaseType::uint16z: return raw > 0 && raw <= 0xFFFF;
    case BaseType::sint32: return raw >= -2147483648LL && raw < 0x7FFFFFFFLL;
    case BaseType::uint32: return raw >= 0 && raw < 0xFFFFFFFFLL;
    case BaseType::uint32z: return raw > 0 && raw <= 0xFFFFFFFFLL;
  }
  return false;
}


struct FieldDef {
  uint8_t num;
  const char* name;
  BaseType type;
  double scale;   // 1 for unscaled fields
  double offset;  // 0 for most fields
};

struct MessageDef {
  uint16_t num;
  const char* name;
  const FieldDef* fields;
  uint8_t field_count;
};

// Global message numbers of the messages in the table.
namespace mesg {
inline constexpr uint16_t file_id = 0;
inline constexpr uint16_t sport = 12;
inline constexpr uint16_t session = 18;
inline constexpr uint16_t lap = 19;
inline constexpr uint16_t record = 20;
inline constexpr uint16_t event = 21;
inline constexpr uint16_t device_info = 23;
inline constexpr uint16_t weight_scale = 30;
inline constexpr uint16_t activity = 34;
inline constexpr uint16_t file_creator = 49;
}  // namespace mesg

// Field numbers shared by every timestamped message.
inline constexpr uint8_t kTimestampField = 253;

// Values the profile names (only those we write).
namespace value {
inline constexpr uint8_t file_activity = 4;           // file_id.type
inline constexpr uint8_t file_weight = 9;             // file_id.type
inline constexpr uint8_t event_timer = 0;             // event.event
inline constexpr uint8_t event_session = 8;
inline constexpr uint8_t event_lap = 9;
inline constexpr uint8_t event_activity = 26;
inline constexpr uint8_t event_type_start = 0;        // event.event_type
inline constexpr uint8_t event_type_stop = 1;
inline constexpr uint8_t event_type_stop_all = 4;
inline constexpr uint8_t activity_manual = 0;         // activity.type
inline constexpr uint8_t lap_trigger_session_end = 7; // lap.lap_trigger
inline constexpr uint8_t session_trigger_activity_end = 0;  // session.trigger
inline constexpr uint16_t manufacturer_development = 255;  // file_id.manufacturer
}  // namespace value

// Seconds between the Unix epoch and FIT's epoch, 1989-12-31T00:00:00Z.
inline constexpr int64_t kFitEpochUnix = 631065600;

// nullptr when the message is not in the table.
const MessageDef* find_message(uint16_t num);

}  // namespace ts::fit
