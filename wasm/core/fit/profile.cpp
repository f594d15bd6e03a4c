// Field numbers, types and scales follow Garmin's FIT SDK Profile.xlsx (21.x).
#include "core/fit/profile.h"

namespace ts::fit {

namespace {
using B = BaseType;

constexpr FieldDef kFileId[] = {
    {0, "type", B::enum_, 1, 0},
    {1, "manufacturer", B::uint16, 1, 0},
    {2, "product", B::uint16, 1, 0},
    {3, "serial_number", B::uint32z, 1, 0},
    {4, "time_created", B::uint32, 1, 0},
    {5, "number", B::uint16, 1, 0},
};

constexpr FieldDef kFileCreator[] = {
    {0, "software_version", B::uint16, 1, 0},
    {1, "hardware_version", B::uint8, 1, 0},
};

constexpr FieldDef kDeviceInfo[] = {
    {kTimestampField, "timestamp", B::uint32, 1, 0},
    {0, "device_index", B::uint8, 1, 0},
    {1, "device_type", B::uint8, 1, 0},
    {2, "manufacturer", B::uint16, 1, 0},
    {3, "serial_number", B::uint32z, 1, 0},
    {4, "product", B::uint16, 1, 0},
    {5, "software_version", B::uint16, 100, 0},
    {6, "hardware_version", B::uint8, 1, 0},
};

constexpr FieldDef kWeightScale[] = {
    {kTimestampField, "timestamp", B::uint32, 1, 0},
    {0, "weight", B::uint16, 100, 0},  // kg
    {1, "percent_fat", B::uint16, 100, 0},
    {2, "percent_hydration", B::uint16, 100, 0},
    {3, "visceral_fat_mass", B::uint16, 100, 0},  // kg
    {4, "bone_mass", B::uint16, 100, 0},          // kg
    {5, "muscle_mass", B::uint16, 100, 0},        // kg
    {7, "basal_met", B::uint16, 4, 0},            // kcal/day
    {8, "physique_rating", B::uint8, 1, 0},
    {9, "active_met", B::uint16, 4, 0},
    {10, "metabolic_age", B::uint8, 1, 0},
    {11, "visceral_fat_rating", B::uint8, 1, 0},
    {12, "user_profile_index", B::uint16, 1, 0},
    {13, "bmi", B::uint16, 10, 0},
};

// Activity messages (one activity FIT per workout, core/workout/activity_fit.h).
constexpr FieldDef kSport[] = {
    {0, "sport", B::enum_, 1, 0},
    {1, "sub_sport", B::enum_, 1, 0},
};

constexpr FieldDef kRecord[] = {
    {kTimestampField, "timestamp", B::uint32, 1, 0},
    {0, "position_lat", B::sint32, 1, 0},   // semicircles
    {1, "position_long", B::sint32, 1, 0},  // semicircles
    {2, "altitude", B::uint16, 5, 500},     // m
    {3, "heart_rate", B::uint8, 1, 0},      // bpm
    {4, "cadence", B::uint8, 1, 0},         // rpm
    {5, "distance", B::uint32, 100, 0},     // m
    {6, "speed", B::uint16, 1000, 0},       // m/s
};

constexpr FieldDef kEvent[] = {
    {kTimestampField, "timestamp", B::uint32, 1, 0},
    {0, "event", B::enum_, 1, 0},
    {1, "event_type", B::enum_, 1, 0},
    {3, "data", B::uint32, 1, 0},
    {4, "event_group", B::uint8, 1, 0},
};

constexpr FieldDef kLap[] = {
    {kTimestampField, "timestamp", B::uint32, 1, 0},
    {254, "message_index", B::uint16, 1, 0},
    {0, "event", B::enum_, 1, 0},
    {1, "event_type", B::enum_, 1, 0},
    {2, "start_time", B::uint32, 1, 0},
    {3, "start_position_lat", B::sint32, 1, 0},
    {4, "start_position_long", B::sint32, 1, 0},
    {7, "total_elapsed_time", B::uint32, 1000, 0},  // s
    {8, "total_timer_time", B::uint32, 1000, 0},    // s
    {9, "total_distance", B::uint32, 100, 0},       // m
    {10, "total_cycles", B::uint32, 1, 0},          // steps for walking/running
    {11, "total_calories", B::uint16, 1, 0},        // kcal
    {15, "avg_heart_rate", B::uint8, 1, 0},
    {16, "max_heart_rate", B::uint8, 1, 0},
    {21, "total_ascent", B::uint16, 1, 0},          // m
    {24, "lap_trigger", B::enum_, 1, 0},
    {25, "sport", B::enum_, 1, 0},
    {39, "sub_sport", B::enum_, 1, 0},
};

constexpr FieldDef kSession[] = {
    {kTimestampField, "timestamp", B::uint32, 1, 0},
    {254, "message_index", B::uint16, 1, 0},
    {0, "event", B::enum_, 1, 0},
    {1, "event_type", B::enum_, 1, 0},
    {2, "start_time", B::uint32, 1, 0},
    {3, "start_position_lat", B::sint32, 1, 0},
    {4, "start_position_long", B::sint32, 1, 0},
    {5, "sport", B::enum_, 1, 0},
    {6, "sub_sport", B::enum_, 1, 0},
    {7, "total_elapsed_time", B::uint32, 1000, 0},
    {8, "total_timer_time", B::uint32, 1000, 0},
    {9, "total_distance", B::uint32, 100, 0},
    {10, "total_cycles", B::uint32, 1, 0},
    {11, "total_calories", B::uint16, 1, 0},
    {16, "avg_heart_rate", B::uint8, 1, 0},
    {17, "max_heart_rate", B::uint8, 1, 0},
    {22, "total_ascent", B::uint16, 1, 0},
    {25, "first_lap_index", B::uint16, 1, 0},
    {26, "num_laps", B::uint16, 1, 0},
    {28, "trigger", B::enum_, 1, 0},
};

constexpr FieldDef kActivity[] = {
    {kTimestampField, "timestamp", B::uint32, 1, 0},
    {0, "total_timer_time", B::uint32, 1000, 0},
    {1, "num_sessions", B::uint16, 1, 0},
    {2, "type", B::enum_, 1, 0},
    {3, "event", B::enum_, 1, 0},
    {4, "event_type", B::enum_, 1, 0},
    {5, "local_timestamp", B::uint32, 1, 0},  // local_date_time
};

template <size_t N>
constexpr MessageDef def(uint16_t num, const char* name, const FieldDef (&fields)[N]) {
  return MessageDef{num, name, fields, static_cast<uint8_t>(N)};
}

constexpr MessageDef kMessages[] = {
    def(mesg::file_id, "file_id", kFileId),
    def(mesg::sport, "sport", kSport),
    def(mesg::session, "session", kSession),
    def(mesg::lap, "lap", kLap),
    def(mesg::record, "record", kRecord),
    def(mesg::event, "event", kEvent),
    def(mesg::activity, "activity", kActivity),
    def(mesg::device_info, "device_info", kDeviceInfo),
    def(mesg::weight_scale, "weight_scale", kWeightScale),
    def(mesg::file_creator, "file_creator", kFileCreator),
};
}  // namespace

const MessageDef* find_message(uint16_t num) {
  for (const MessageDef& m : kMessages)
    if (m.num == num) return &m;
  return nullptr;
}

}  // namespace ts::fit
