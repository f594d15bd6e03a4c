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

template <size_t N>
constexpr MessageDef def(uint16_t num, const char* name, const FieldDef (&fields)[N]) {
  return MessageDef{num, name, fields, static_cast<uint8_t>(N)};
}

constexpr MessageDef kMessages[] = {
    def(mesg::file_id, "file_id", kFileId),
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
