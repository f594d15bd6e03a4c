// FIT CRC-16: the checksum FIT puts after the 12-byte header and after the whole file.
// It is CRC-16/ARC (poly 0xA001 reflected, init 0) computed a nibble at a time with the
// 16-entry table from the FIT protocol document; kept as its own unit so it can be checked
// against published test vectors (tests/cpp/fit_crc_test.cpp).
#pragma once
#include <cstddef>
#include <cstdint>

namespace ts::fit {

// Continues a CRC over `n` bytes; start with crc = 0.
uint16_t crc16(uint16_t crc, const uint8_t* data, size_t n);

}  // namespace ts::fit
