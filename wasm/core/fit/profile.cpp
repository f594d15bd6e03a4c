// Field numbers, types and scales follow Garmin's FIT SDK Profile.xlsx (21.x).
#include "core/fit/profile.h"

namespace ts::fit {

namespace {
using B = BaseType;
namespace F = field;

constexpr FieldDef kFileId[] = {
    {F::file_id::type, "type", B::enum_, 1, 0},
    {F::file_id::manufacturer, "manufacturer", B::uint16, 1, 0},
    {F::file_id::product, "product", B::uint16, 1, 0},
    {F::file_id::serial_number, "serial_number", B::uint32z, 1, 0},
    {F::file_id::time_created, "time_created", B::uint32, 1, 0},
    {F::file_id::number, "number", B::uint16, 1, 0},
};

constexpr FieldDef kFileCreator[] = {
    {F::file_creator::software_version, "software_version", B::uint16, 1, 0},
    {F::file_creator::hardware_version, "hardware_version", B::uint8, 1, 0},
};

constexpr FieldDef kDeviceInfo[] = {
    {kTimestampField, "timestamp", B::uint32, 1, 0},
    {F::device_info::device_index, "device_index", B::uint8, 1, 0},
    {F::device_info::device_type, "device_type", B::uint8, 1, 0},
    {F::device_info::manufacturer, "manufacturer", B::uint16, 1, 0},
    {F::device_info::serial_number, "serial_number", B::uint32z, 1, 0},
    {F::device_info::product, "product", B::uint16, 1, 0},
    {F::device_info::software_version, "software_version", B::uint16, 100, 0},
    {F::device_info::hardware_version, "hardware_version", B::uint8, 1, 0},
};

constexpr FieldDef kWeightScale[] = {
    {kTimestampField, "timestamp", B::uint32, 1, 0},
    {F::weight_scale::weight, "weight", B::uint16, 100, 0},  // kg
    {F::weight_scale::percent_fat, "percent_fat", B::uint16, 100, 0},
    {F::weight_scale::percent_hydration, "percent_hydration", B::uint16, 100, 0},
    {F::weight_scale::visceral_fat_mass, "visceral_fat_mass", B::uint16, 100, 0},  // kg
    {F::weight_scale::bone_mass, "bone_mass", B::uint16, 100, 0},          // kg
    {F::weight_scale::muscle_mass, "muscle_mass", B::uint16, 100, 0},        // kg
    {F::weight_scale::basal_met, "basal_met", B::uint16, 4, 0},            // kcal/day
    {F::weight_scale::physique_rating, "physique_rating", B::uint8, 1, 0},
    {F::weight_scale::active_met, "active_met", B::uint16, 4, 0},
    {F::weight_scale::metabolic_age, "metabolic_age", B::uint8, 1, 0},
    {F::weight_scale::visceral_fat_rating, "visceral_fat_rating", B::uint8, 1, 0},
    {F::weight_scale::user_profile_index, "user_profile_index", B::uint16, 1, 0},
    {F::weight_scale::bmi, "bmi", B::uint16, 10, 0},
};

// Activity messages (one activity FIT per workout, core/workout/activity_fit.h).
constexpr FieldDef kSport[] = {
    {F::sport::sport, "sport", B::enum_, 1, 0},
    {F::sport::sub_sport, "sub_sport", B::enum_, 1, 0},
};

constexpr FieldDef kRecord[] = {
    {kTimestampField, "timestamp", B::uint32, 1, 0},
    {F::record::position_lat, "position_lat", B::sint32, 1, 0},   // semicircles
    {F::record::position_long, "position_long", B::sint32, 1, 0},  // semicircles
    {F::record::altitude, "altitude", B::uint16, 5, 500},     // m
    {F::record::heart_rate, "heart_rate", B::uint8, 1, 0},      // bpm
    {F::record::cadence, "cadence", B::uint8, 1, 0},         // rpm
    {F::record::distance, "distance", B::uint32, 100, 0},     // m
    {F::record::speed, "speed", B::uint16, 1000, 0},       // m/s
    {F::record::vertical_oscillation, "vertical_oscillation", B::uint16, 10, 0},  // mm
    {F::record::stance_time, "stance_time", B::uint16, 10, 0},                    // ms
    {F::record::vertical_ratio, "vertical_ratio", B::uint16, 100, 0},             // %
    {F::record::step_length, "step_length", B::uint16, 10, 0},                    // mm
};

constexpr FieldDef kEvent[] = {
    {kTimestampField, "timestamp", B::uint32, 1, 0},
    {F::event::event, "event", B::enum_, 1, 0},
    {F::event::event_type, "event_type", B::enum_, 1, 0},
    {F::event::data, "data", B::uint32, 1, 0},
    {F::event::event_group, "event_group", B::uint8, 1, 0},
};

constexpr FieldDef kLap[] = {
    {kTimestampField, "timestamp", B::uint32, 1, 0},
    {kMessageIndexField, "message_index", B::uint16, 1, 0},
    {F::lap::event, "event", B::enum_, 1, 0},
    {F::lap::event_type, "event_type", B::enum_, 1, 0},
    {F::lap::start_time, "start_time", B::uint32, 1, 0},
    {F::lap::start_position_lat, "start_position_lat", B::sint32, 1, 0},
    {F::lap::start_position_long, "start_position_long", B::sint32, 1, 0},
    {F::lap::total_elapsed_time, "total_elapsed_time", B::uint32, 1000, 0},  // s
    {F::lap::total_timer_time, "total_timer_time", B::uint32, 1000, 0},    // s
    {F::lap::total_distance, "total_distance", B::uint32, 100, 0},       // m
    {F::lap::total_cycles, "total_cycles", B::uint32, 1, 0},          // strides (steps / 2) for walking/running
    {F::lap::total_calories, "total_calories", B::uint16, 1, 0},        // kcal
    {F::lap::avg_heart_rate, "avg_heart_rate", B::uint8, 1, 0},
    {F::lap::max_heart_rate, "max_heart_rate", B::uint8, 1, 0},
    {F::lap::total_ascent, "total_ascent", B::uint16, 1, 0},          // m
    {F::lap::lap_trigger, "lap_trigger", B::enum_, 1, 0},
    {F::lap::sport, "sport", B::enum_, 1, 0},
    {F::lap::num_lengths, "num_lengths", B::uint16, 1, 0},
    {F::lap::sub_sport, "sub_sport", B::enum_, 1, 0},
    {F::lap::num_active_lengths, "num_active_lengths", B::uint16, 1, 0},
    {F::lap::avg_vertical_oscillation, "avg_vertical_oscillation", B::uint16, 10, 0},  // mm
    {F::lap::avg_stance_time, "avg_stance_time", B::uint16, 10, 0},                    // ms
    {F::lap::avg_vertical_ratio, "avg_vertical_ratio", B::uint16, 100, 0},             // %
    {F::lap::avg_step_length, "avg_step_length", B::uint16, 10, 0},                    // mm
};

constexpr FieldDef kSession[] = {
    {kTimestampField, "timestamp", B::uint32, 1, 0},
    {kMessageIndexField, "message_index", B::uint16, 1, 0},
    {F::session::event, "event", B::enum_, 1, 0},
    {F::session::event_type, "event_type", B::enum_, 1, 0},
    {F::session::start_time, "start_time", B::uint32, 1, 0},
    {F::session::start_position_lat, "start_position_lat", B::sint32, 1, 0},
    {F::session::start_position_long, "start_position_long", B::sint32, 1, 0},
    {F::session::sport, "sport", B::enum_, 1, 0},
    {F::session::sub_sport, "sub_sport", B::enum_, 1, 0},
    {F::session::total_elapsed_time, "total_elapsed_time", B::uint32, 1000, 0},
    {F::session::total_timer_time, "total_timer_time", B::uint32, 1000, 0},
    {F::session::total_distance, "total_distance", B::uint32, 100, 0},
    {F::session::total_cycles, "total_cycles", B::uint32, 1, 0},
    {F::session::total_calories, "total_calories", B::uint16, 1, 0},
    {F::session::avg_heart_rate, "avg_heart_rate", B::uint8, 1, 0},
    {F::session::max_heart_rate, "max_heart_rate", B::uint8, 1, 0},
    {F::session::total_ascent, "total_ascent", B::uint16, 1, 0},
    {F::session::first_lap_index, "first_lap_index", B::uint16, 1, 0},
    {F::session::num_laps, "num_laps", B::uint16, 1, 0},
    {F::session::trigger, "trigger", B::enum_, 1, 0},
    {F::session::num_lengths, "num_lengths", B::uint16, 1, 0},
    {F::session::pool_length, "pool_length", B::uint16, 100, 0},  // m, whatever unit it is shown in
    {F::session::pool_length_unit, "pool_length_unit", B::enum_, 1, 0},  // display_measure: 0 metric, 1 statute
    {F::session::num_active_lengths, "num_active_lengths", B::uint16, 1, 0},
    {F::session::avg_vertical_oscillation, "avg_vertical_oscillation", B::uint16, 10, 0},  // mm
    {F::session::avg_stance_time, "avg_stance_time", B::uint16, 10, 0},                    // ms
    {F::session::avg_vertical_ratio, "avg_vertical_ratio", B::uint16, 100, 0},             // %
    {F::session::avg_step_length, "avg_step_length", B::uint16, 10, 0},                    // mm
};

constexpr FieldDef kActivity[] = {
    {kTimestampField, "timestamp", B::uint32, 1, 0},
    {F::activity::total_timer_time, "total_timer_time", B::uint32, 1000, 0},
    {F::activity::num_sessions, "num_sessions", B::uint16, 1, 0},
    {F::activity::type, "type", B::enum_, 1, 0},
    {F::activity::event, "event", B::enum_, 1, 0},
    {F::activity::event_type, "event_type", B::enum_, 1, 0},
    {F::activity::local_timestamp, "local_timestamp", B::uint32, 1, 0},  // local_date_time
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
