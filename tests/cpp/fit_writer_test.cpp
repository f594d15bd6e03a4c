// The FIT writer: bytes against golden files, the header, definitions, round-robin local
// types, and refusals. tests/node/fit-sdk.test.js decodes the same golden files with
// Garmin's @garmin/fitsdk.
#include <catch2/catch.hpp>

#include "core/fit/crc.h"
#include "core/fit/writer.h"
#include "core/weight/weight_fit.h"
#include "golden.h"

using namespace ts;

namespace {
uint32_t u32(const std::string& b, size_t at) {
  return static_cast<uint8_t>(b[at]) | static_cast<uint8_t>(b[at + 1]) << 8 | static_cast<uint8_t>(b[at + 2]) << 16 |
         static_cast<uint32_t>(static_cast<uint8_t>(b[at + 3])) << 24;
}
uint16_t u16(const std::string& b, size_t at) { return static_cast<uint16_t>(static_cast<uint8_t>(b[at]) | static_cast<uint8_t>(b[at + 1]) << 8); }

// The weigh-ins of tests/fixtures/fit/weight-basic.fit; tests/node/fit-sdk.test.js expects
// the same values back.
std::vector<weight::WeighIn> basic_weighins() {
  std::vector<weight::WeighIn> v(3);
  v[0].utc_sec = 1499276640;  // 2017-07-05T17:44:00Z
  v[0].kg = 87.952;
  v[0].fat_percent = 24.002;
  v[0].bmi = 28.08;
  v[1].utc_sec = 1499385600;  // 2017-07-07T00:00:00Z: no body composition
  v[1].kg = 72.5;
  v[2].utc_sec = 1499472000;  // 2017-07-08T00:00:00Z: BMI only
  v[2].kg = 72.45;
  v[2].bmi = 23.1;
  return v;
}
}  // namespace

TEST_CASE("fit writer: weight file matches its golden bytes", "[fit][golden]") {
  const auto v = basic_weighins();
  std::string bytes;
  REQUIRE_FALSE(weight::write_weight_fit(v.data(), v.size(), bytes));
  CHECK(test::matches_golden("fit/weight-basic.fit", bytes));
  // The same input twice: the same bytes (no clock, no randomness).
  std::string again;
  REQUIRE_FALSE(weight::write_weight_fit(v.data(), v.size(), again));
  CHECK(again == bytes);
}

TEST_CASE("fit writer: header and file CRC", "[fit]") {
  const auto v = basic_weighins();
  std::string b;
  REQUIRE_FALSE(weight::write_weight_fit(v.data(), v.size(), b));
  REQUIRE(b.size() > 16);
  CHECK(static_cast<uint8_t>(b[0]) == 14);
  CHECK(static_cast<uint8_t>(b[1]) == 0x20);
  CHECK(u16(b, 2) == 21217);
  CHECK(u32(b, 4) == b.size() - 16);  // data size excludes header and file CRC
  CHECK(b.substr(8, 4) == ".FIT");
  CHECK(u16(b, 12) == fit::crc16(0, reinterpret_cast<const uint8_t*>(b.data()), 12));
  CHECK(fit::crc16(0, reinterpret_cast<const uint8_t*>(b.data()), b.size()) == 0);  // file CRC residue
  // Record headers: bit 7 (compressed timestamp) is never set. Walk the records.
  size_t pos = 14;
  int definitions = 0, data = 0;
  size_t sizes[16] = {};
  while (pos < b.size() - 2) {
    const uint8_t h = static_cast<uint8_t>(b[pos]);
    REQUIRE((h & 0x80) == 0);
    if (h & 0x40) {
      const uint8_t n = static_cast<uint8_t>(b[pos + 5]);
      size_t size = 0;
      for (uint8_t i = 0; i < n; ++i) size += static_cast<uint8_t>(b[pos + 6 + 3 * i + 1]);
      sizes[h & 0xF] = size;
      pos += 6 + 3 * n;
      ++definitions;
    } else {
      pos += 1 + sizes[h & 0xF];
      ++data;
    }
  }
  CHECK(pos == b.size() - 2);
  CHECK(data == 3 + 3);         // file_id, file_creator, device_info + 3 weigh-ins
  CHECK(definitions == 3 + 3);  // one per distinct layout: the 3 weigh-ins differ in fields
}

TEST_CASE("fit writer: 17 layouts reuse local types round-robin and stay decodable", "[fit][golden]") {
  fit::Writer w;
  // weight_scale with 1..17 distinct field subsets: the 17th takes slot 0 again.
  const uint8_t fields[] = {1, 2, 3, 4, 5};  // percent_fat … muscle_mass
  for (int i = 0; i < 17; ++i) {
    fit::Mesg m(fit::mesg::weight_scale);
    m.set_time(fit::kTimestampField, 1500000000 + i).set(0, 70 + i * 0.01);
    for (int k = 0; k < 5; ++k)
      if ((i >> k) & 1) m.set_raw(fields[k], 10 + k);
    REQUIRE_FALSE(w.write(m));
  }
  const std::string b = w.finish();
  CHECK(test::matches_golden("fit/round-robin.fit", b));
}

TEST_CASE("fit writer: refusals leave the file unchanged", "[fit]") {
  fit::Writer w;
  // 1: a message not in the profile table
  Error e = w.write(fit::Mesg(9999).set_raw(0, 1));
  CHECK(e.status == Status::unsupported);
  // 2: a field not in the message's table
  e = w.write(fit::Mesg(fit::mesg::weight_scale).set_raw(200, 1));
  CHECK(e.status == Status::unsupported);
  // 3: a value beyond the field's range (weight above 655.34 kg)
  e = w.write(fit::Mesg(fit::mesg::weight_scale).set_time(fit::kTimestampField, 1500000000).set(0, 700.0));
  CHECK(e.status == Status::integrity);
  CHECK(e.message.find("weight") != std::string::npos);
  // 4: a raw value equal to the type's invalid marker is refused too (0xFF for an enum)
  e = w.write(fit::Mesg(fit::mesg::file_id).set_raw(0, 0xFF));
  CHECK(e.status == Status::integrity);
  CHECK(w.data_size() == 0);
}

// formats.md: raw = round((value + offset) × scale), half away from zero, on the value as its
// decimal says. Helper findings: a weigh-in of 70,335 g was written 7033 (70.335 × 100 is
// 7033.499999999999 in binary), and record altitude, speed and distance lost their last unit
// when a track point held them as floats (40.1 m as 2700, not 2701).
TEST_CASE("fit writer: scaled values round half away from zero as their decimals say (numbered rows)", "[fit]") {
  struct Row {
    int n;
    const char* why;
    uint16_t mesg;
    uint8_t field;
    double value;
    int64_t raw;
  };
  const Row rows[] = {
      {1, "weight 70.335 kg × 100: a half in decimal, a hair below it in binary", fit::mesg::weight_scale, 0, 70335 / 1000.0, 7034},
      {2, "weight 72.505 kg", fit::mesg::weight_scale, 0, 72505 / 1000.0, 7251},
      {3, "weight 70.334 kg: below the half", fit::mesg::weight_scale, 0, 70.334, 7033},
      {4, "record altitude 40.1 m: (40.1 + 500) × 5 = 2700.5", fit::mesg::record, fit::field::record::altitude, 40.1, 2701},
      {5, "record altitude 123.7 m", fit::mesg::record, fit::field::record::altitude, 123.7, 3119},
      {6, "record speed 2.0015 m/s × 1000", fit::mesg::record, fit::field::record::speed, 2.0015, 2002},
      {7, "record distance 12345.675 m × 100", fit::mesg::record, fit::field::record::distance, 12345.675, 1234568},
      {8, "record distance 150000.01 m × 100: no half, nothing moved", fit::mesg::record, fit::field::record::distance, 150000.01, 15000001},
      {9, "a negative half rounds away from zero: altitude -500.1 m gives -0.5", fit::mesg::record, fit::field::record::altitude, -500.1, -1},
      // Review finding: the tolerance grew with the value, a whole unit past 2^49.
      {10, "a large value is not moved: 2^48 m of distance × 100 (past what the field holds, refused when written)", fit::mesg::record, fit::field::record::distance, 281474976710656.0 / 100, 281474976710656},
  };
  for (const Row& r : rows) {
    INFO("row " << r.n << ": " << r.why);
    const fit::MessageDef* def = fit::find_message(r.mesg);
    REQUIRE(def != nullptr);
    const fit::FieldDef* field = nullptr;
    for (int i = 0; i < def->field_count; ++i)
      if (def->fields[i].num == r.field) field = &def->fields[i];
    REQUIRE(field != nullptr);
    int64_t raw = 0;
    REQUIRE(fit::physical_to_raw(*field, r.value, raw));
    CHECK(raw == r.raw);
  }
}
