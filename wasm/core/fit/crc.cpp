#include "core/fit/crc.h"

namespace ts::fit {

uint16_t crc16(uint16_t crc, const uint8_t* data, size_t n) {
  static constexpr uint16_t kTable[16] = {0x0000, 0xCC01, 0xD801, 0x1400, 0xF001, 0x3C00, 0x2800, 0xE401,
                                          0xA001, 0x6C00, 0x7800, 0xB401, 0x5000, 0x9C01, 0x8801, 0x4400};
  for (size_t i = 0; i < n; ++i) {
    const uint8_t b = data[i];
    uint16_t t = kTable[crc & 0xF];
    crc = (crc >> 4) & 0x0FFF;
    crc = crc ^ t ^ kTable[b & 0xF];
    t = kTable[crc & 0xF];
    crc = (crc >> 4) & 0x0FFF;
    crc = crc ^ t ^ kTable[(b >> 4) & 0xF];
  }
  return crc;
}

}  // namespace ts::fit
