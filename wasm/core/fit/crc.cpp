#include "core/fit/crc.h"


namespace ts::fit {

namespace {
// The FIT protocol's nibble table; one byte is two nibble steps.
constexpr uint16_t kNibble[16] = {0x0000, 0xCC01, 0xD801, 0x1400, 0xF001, 0x3C00, 0x2800, 0xE401,
                                  0xA001, 0x6C00, 0x7800, 0xB401, 0x5000, 0x9C01, 0x8801, 0x4400};

constexpr uint16_t nibble_step(uint16_t crc, uint8_t nibble) {
  const uint16_t t = kNibble[crc & 0xF];
  crc = (crc >> 4) & 0x0FFF;
  return crc ^ t ^ kNibble[nibble & 0xF];
}

// The same two steps folded into one table lookup per byte (computed at compile time), and
// three more tables so four bytes are folded per step ("slicing by 4"): the per-byte loop is a
// chain of dependent lookups, and a file CRC runs over every byte written. crc16() is checked
// against the published vectors and Garmin's own CrcCalculator.
struct Tables {
  uint16_t t[4][256];
};
constexpr Tables make_tables() {
  Tables x{};
  for (unsigned b = 0; b < 256; ++b)
    x.t[0][b] = nibble_step(nibble_step(0, static_cast<uint8_t>(b & 0xF)), static_cast<uint8_t>(b >> 4));
  for (unsigned b = 0; b < 256; ++b)
    for (int k = 1; k < 4; ++k) x.t[k][b] = static_cast<uint16_t>((x.t[k - 1][b] >> 8) ^ x.t[0][x.t[k - 1][b] & 0xFF]);
  return x;
}
constexpr Tables kTables = make_tables();
}  // namespace

uint16_t crc16(uint16_t crc, const uint8_t* data, size_t n) {
  const auto& t = kTables.t;
  size_t i = 0;
  for (; i + 4 <= n; i += 4) {
    const uint32_t x = (crc ^ (static_cast<uint32_t>(data[i]) | static_cast<uint32_t>(data[i + 1]) << 8)) & 0xFFFF;
    crc = static_cast<uint16_t>(t[3][x & 0xFF] ^ t[2][x >> 8] ^ t[1][data[i + 2]] ^ t[0][data[i + 3]]);
  }
  for (; i < n; ++i) crc = static_cast<uint16_t>((crc >> 8) ^ t[0][(crc ^ data[i]) & 0xFF]);
  return crc;
}

}  // namespace ts::fit
