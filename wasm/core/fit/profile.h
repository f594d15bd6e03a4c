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
// The range of raw values a field of this type may carry (its invalid value excluded), as its
// two ends: the writer keeps them per field, and checks a value with two compares.
constexpr int64_t base_type_min(BaseType t) {
  switch (t) {
    case BaseType::sint8: return -128;
    case BaseType::sint16: return -32768;
    case BaseType::sint32: return -2147483648LL;
    case BaseType::uint8z: case BaseType::uint16z: case BaseType::uint32z: return 1;
    default: return 0;
  }
}
constexpr int64_t base_type_max(BaseType t) {
  switch (t) {
    case BaseType::enum_: case BaseType::uint8: return 0xFE;
    case BaseType::sint8: return 0x7E;
    case BaseType::uint8z: return 0xFF;
    case BaseType::sint16: return 0x7FFE;
    case BaseType::uint16: return 0xFFFE;
    case BaseType::uint16z: return 0xFFFF;
    case BaseType::sint32: return 0x7FFFFFFELL;
    case BaseType::uint32: return 0xFFFFFFFELL;
    case BaseType::uint32z: return 0xFFFFFFFFLL;
  }
  return -1;
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

// Field numbers shared by every message that has them.
inline constexpr uint8_t kTimestampField = 253;
inline constexpr uint8_t kMessageIndexField = 254;

// Field numbers of the fields in the table, by message (profile.cpp's tables use them too).
namespace field {
namespace file_id {
inline constexpr uint8_t type = 0, manufacturer = 1, product = 2, serial_number = 3, time_created = 4, number = 5;
}
namespace file_creator {
inline constexpr uint8_t software_version = 0, hardware_version = 1;
}
namespace device_info {
inline constexpr uint8_t device_index = 0, device_type = 1, manufacturer = 2, serial_number = 3, product = 4,
                         software_version = 5, hardware_version = 6;
}
namespace weight_scale {
inline constexpr uint8_t weight = 0, percent_fat = 1, percent_hydration = 2, visceral_fat_mass = 3, bone_mass = 4,
                         muscle_mass = 5, basal_met = 7, physique_rating = 8, active_met = 9, metabolic_age = 10,
                         visceral_fat_rating = 11, user_profile_index = 12, bmi = 13;
}
namespace sport {
inline constexpr uint8_t sport = 0, sub_sport = 1;
}
namespace record {
inline constexpr uint8_t position_lat = 0, position_long = 1, altitude = 2, heart_rate = 3, cadence = 4, distance = 5,
                         speed = 6, vertical_oscillation = 39, stance_time = 41, vertical_ratio = 83, step_length = 85;
}
namespace event {
inline constexpr uint8_t event = 0, event_type = 1, data = 3, event_group = 4;
}
// lap and session share the numbers of their common fields up to total_calories; the heart
// rate, ascent and later fields differ.
namespace lap {
inline constexpr uint8_t event = 0, event_type = 1, start_time = 2, start_position_lat = 3, start_position_long = 4,
                         total_elapsed_time = 7, total_timer_time = 8, total_distance = 9, total_cycles = 10,
                         total_calories = 11, avg_heart_rate = 15, max_heart_rate = 16, total_ascent = 21,
                         lap_trigger = 24, sport = 25, num_lengths = 32, sub_sport = 39, num_active_lengths = 40,
                         avg_vertical_oscillation = 77,
                         avg_stance_time = 79, avg_vertical_ratio = 118, avg_step_length = 120;
}
namespace session {
inline constexpr uint8_t event = 0, event_type = 1, start_time = 2, start_position_lat = 3, start_position_long = 4,
                         sport = 5, sub_sport = 6, total_elapsed_time = 7, total_timer_time = 8, total_distance = 9,
                         total_cycles = 10, total_calories = 11, avg_heart_rate = 16, max_heart_rate = 17,
                         total_ascent = 22, first_lap_index = 25, num_laps = 26, trigger = 28, num_lengths = 33,
                         pool_length = 44, pool_length_unit = 46, num_active_lengths = 47,
                         avg_vertical_oscillation = 89, avg_stance_time = 91, avg_vertical_ratio = 132,
                         avg_step_length = 134;
}
namespace activity {
inline constexpr uint8_t total_timer_time = 0, num_sessions = 1, type = 2, event = 3, event_type = 4,
                         local_timestamp = 5;
}
}  // namespace field

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
inline constexpr uint8_t sport_running = 1;            // sport.sport
inline constexpr uint8_t sport_walking = 11;
inline constexpr uint8_t sub_sport_lap_swimming = 17;  // sport.sub_sport
inline constexpr uint8_t display_measure_metric = 0;   // session.pool_length_unit
inline constexpr uint8_t display_measure_statute = 1;
}  // namespace value

// Seconds between the Unix epoch and FIT's epoch, 1989-12-31T00:00:00Z.
inline constexpr int64_t kFitEpochUnix = 631065600;

// nullptr when the message is not in the table.
const MessageDef* find_message(uint16_t num);

}  // namespace ts::fit
