// FIT CRC-16 against published vectors and its defining properties.
#include <catch2/catch.hpp>
#include <string>

#include "core/fit/crc.h"

namespace {
uint16_t crc_of(const std::string& s) { return ts::fit::crc16(0, reinterpret_cast<const uint8_t*>(s.data()), s.size()); }
}  // namespace

TEST_CASE("fit crc: published vectors", "[fit][crc]") {
  // 1: the CRC-16/ARC catalogue check value (same polynomial, init and reflection as FIT's).
  CHECK(crc_of("123456789") == 0xBB3D);
  // 2: nothing in, nothing changed.
  CHECK(crc_of("") == 0x0000);
  // 3: a single byte (CRC-16/ARC of "A").
  CHECK(crc_of("A") == 0x30C0);
  // 4: the 12 header bytes of a FIT file (size 14, protocol 2.0, profile 21217, 0 data bytes,
  //    ".FIT") — cross-checked with @garmin/fitsdk's CrcCalculator in tests/node/fit-sdk.test.js.
  const uint8_t header[12] = {14, 0x20, 0xE1, 0x52, 0, 0, 0, 0, '.', 'F', 'I', 'T'};
  CHECK(ts::fit::crc16(0, header, 12) == 0x752C);
}

TEST_CASE("fit crc: incremental equals one pass; appending the CRC gives residue 0", "[fit][crc]") {
  std::string data;
  for (int i = 0; i < 1000; ++i) data.push_back(static_cast<char>((i * 37 + 11) & 0xFF));
  const uint16_t whole = crc_of(data);
  for (size_t cut : {0ul, 1ul, 500ul, 999ul, 1000ul}) {
    uint16_t c = ts::fit::crc16(0, reinterpret_cast<const uint8_t*>(data.data()), cut);
    c = ts::fit::crc16(c, reinterpret_cast<const uint8_t*>(data.data()) + cut, data.size() - cut);
    CHECK(c == whole);
  }
  data.push_back(static_cast<char>(whole & 0xFF));
  data.push_back(static_cast<char>(whole >> 8));
  CHECK(crc_of(data) == 0);
}
