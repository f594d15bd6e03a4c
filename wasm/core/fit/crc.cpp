#include "core/fit/crc.h"

#include <array>

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

// The same two steps folded into one table lookup per byte (computed at compile time), which
// halves the work of the per-byte loop. crc16() is checked against the published vectors.
constexpr std::array<uint16_t, 256> make_byte_table() {
  std::array<uint16_t, 256> t{};
  for (unsigned b = 0; b < 256; ++b) {
    // For crc = 0 the two nibble steps reduce to a function of the byte alone; the state's
    // low byte enters through the XOR below (the CRC is linear).
    t[b] = nibble_step(nibble_step(0, static_cast<uint8_t>(b & 0xF)), static_cast<uint8_t>(b >> 4));
  }
  return t;
}
constexpr std::array<uint16_t, 256> kByte = make_byte_table();
}  // namespace

uint16_t crc16(uint16_t crc, const uint8_t* data, size_t n) {
  for (size_t i = 0; i < n; ++i) crc = static_cast<uint16_t>((crc >> 8) ^ kByte[(crc ^ data[i]) & 0xFF]);
  return crc;
}

}  // namespace ts::fit
