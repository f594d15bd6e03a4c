#include "core/fit/writer.h"

#include <cmath>
#include <limits>
#include <cstring>

#include "core/fit/crc.h"

namespace ts::fit {

namespace {
void put_le(std::string& out, uint64_t v, uint8_t size) {
  for (uint8_t i = 0; i < size; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}
}  // namespace

Mesg& Mesg::set(uint8_t field, double value) {
  if (count_ == kMaxFields) {
    overflow_ = true;
    return *this;
  }
  values_[count_++] = Value{field, true, value, 0};
  return *this;
}

Mesg& Mesg::set_raw(uint8_t field, int64_t raw) {
  if (count_ == kMaxFields) {
    overflow_ = true;
    return *this;
  }
  values_[count_++] = Value{field, false, 0, raw};
  return *this;
}

int64_t round_half_away(double scaled) {
  // With the instructions WASM has natively. A value that is a half in decimal can land a hair
  // below it in binary (70.335 kg × 100 is 7033.499999999999): within a few units in the last
  // place of the half, it counts as the half, so the raw value is the one formats.md's rule
  // gives the decimal (helper finding: 70,335 g was written 7033). A decimal input of 15
  // significant digits or fewer is never that close to a half without being one.
  // The tolerance only where it is far below a unit: within the 32-bit raw values FIT fields
  // hold (past 2^49 eight units in the last place are a whole unit; review finding).
  const double up = std::fabs(scaled) + 0.5;
  const double near = up < 4294967296.0 ? up * 8 * std::numeric_limits<double>::epsilon() : 0;
  const double whole = std::floor(up + near);
  return static_cast<int64_t>(scaled >= 0 ? whole : -whole);
}

bool physical_to_raw(const FieldDef& f, double value, int64_t& raw) {
  const double scaled = (value + f.offset) * f.scale;
  if (!std::isfinite(scaled) || std::fabs(scaled) > 9.0e15) return false;
  raw = round_half_away(scaled);
  return true;
}

Writer::Writer(size_t expected_bytes) {
  cap_ = kHeaderSize + expected_bytes + 2;
  buf_.reset(new uint8_t[cap_]);
  size_ = kHeaderSize;  // the header is written by finish(), once the sizes are known
}

const MessageDef* Writer::lookup(uint16_t num) {
  if (def_ != nullptr && def_->num == num) return def_;
  def_ = find_message(num);
  index_of_.fill(-1);
  if (def_ != nullptr)
    for (int i = 0; i < def_->field_count; ++i) {
      const BaseType t = def_->fields[i].type;
      index_of_[def_->fields[i].num] = static_cast<int8_t>(i);
      wire_[i] = FieldWire{base_type_size(t), base_type_min(t), base_type_max(t)};
    }
  return def_;
}

uint8_t* Writer::grow(size_t n) {
  if (size_ + n > cap_) {
    size_t cap = cap_ * 2;
    while (cap < size_ + n) cap *= 2;
    std::unique_ptr<uint8_t[]> bigger(new uint8_t[cap]);
    std::memcpy(bigger.get(), buf_.get(), size_);
    buf_ = std::move(bigger);
    cap_ = cap;
  }
  uint8_t* p = buf_.get() + size_;
  size_ += n;
  return p;
}

Error Writer::write(const Mesg& m) {
  const MessageDef* def = lookup(m.num_);
  if (def == nullptr) return fail(Status::unsupported, "FIT message " + std::to_string(m.num_) + " is not in the profile table");
  if (m.overflow_) return fail(Status::capacity, std::string("too many fields set on ") + def->name);

  // Raw values in profile-table order, so the layout does not depend on the order of set().
  int64_t raw[64];
  uint64_t present = 0;
  size_t data_size = 1;  // record header
  for (uint8_t i = 0; i < m.count_; ++i) {
    const Mesg::Value& v = m.values_[i];
    const int idx = index_of_[v.field];
    if (idx < 0)
      return fail(Status::unsupported, std::string("field ") + std::to_string(v.field) + " of " + def->name + " is not in the profile table");
    const FieldWire& wire = wire_[idx];
    int64_t r = v.raw;
    if ((v.physical && !physical_to_raw(def->fields[idx], v.value, r)) || r < wire.lo || r > wire.hi)
      return fail(Status::integrity, std::string("field '") + def->fields[idx].name + "' of " + def->name + " is out of range");
    const uint64_t bit = uint64_t{1} << idx;
    if (!(present & bit)) data_size += wire.size;
    raw[idx] = r;
    present |= bit;
  }

  // Find or assign the local message type for this layout (the last one used first: runs of
  // the same layout are the common case).
  int slot = -1;
  if (slots_[last_slot_].used && slots_[last_slot_].global == def->num && slots_[last_slot_].fields == present) {
    slot = last_slot_;
  } else {
    for (int s = 0; s < 16; ++s)
      if (slots_[s].used && slots_[s].global == def->num && slots_[s].fields == present) slot = s;
  }
  if (slot < 0) {
    slot = next_slot_;
    next_slot_ = static_cast<uint8_t>((next_slot_ + 1) % 16);
    slots_[slot] = Slot{def->num, present, true};
    uint8_t n_fields = 0;
    for (int i = 0; i < def->field_count; ++i) n_fields += (present >> i) & 1;
    uint8_t* p = grow(6 + 3 * n_fields);
    *p++ = static_cast<uint8_t>(0x40 | slot);  // normal header, definition bit
    *p++ = 0;                                  // reserved
    *p++ = 0;                                  // architecture: little-endian
    *p++ = static_cast<uint8_t>(def->num & 0xFF);
    *p++ = static_cast<uint8_t>(def->num >> 8);
    *p++ = n_fields;
    for (int i = 0; i < def->field_count; ++i) {
      if (!((present >> i) & 1)) continue;
      const FieldDef& f = def->fields[i];
      *p++ = f.num;
      *p++ = base_type_size(f.type);
      *p++ = static_cast<uint8_t>(f.type);
    }
  }
  last_slot_ = static_cast<uint8_t>(slot);
  uint8_t* p = grow(data_size);
  *p++ = static_cast<uint8_t>(slot);  // normal header, data message
  for (uint64_t rest = present; rest != 0; rest &= rest - 1) {
    const int i = __builtin_ctzll(rest);
    const uint8_t n = wire_[i].size;
    const auto v = static_cast<uint64_t>(raw[i]);
    switch (n) {  // little-endian, one store per value
      case 1: *p = static_cast<uint8_t>(v); break;
      case 2: p[0] = static_cast<uint8_t>(v); p[1] = static_cast<uint8_t>(v >> 8); break;
      case 4:
        p[0] = static_cast<uint8_t>(v);
        p[1] = static_cast<uint8_t>(v >> 8);
        p[2] = static_cast<uint8_t>(v >> 16);
        p[3] = static_cast<uint8_t>(v >> 24);
        break;
      default:
        for (uint8_t k = 0; k < n; ++k) p[k] = static_cast<uint8_t>((v >> (8 * k)) & 0xFF);
    }
    p += n;
  }
  return {};
}

std::string Writer::finish() {
  const uint32_t data_size = static_cast<uint32_t>(size_ - kHeaderSize);
  std::string header;
  header.push_back(static_cast<char>(kHeaderSize));
  header.push_back(static_cast<char>(kProtocolVersion));
  put_le(header, kProfileVersion, 2);
  put_le(header, data_size, 4);
  header += ".FIT";
  put_le(header, crc16(0, reinterpret_cast<const uint8_t*>(header.data()), 12), 2);
  std::memcpy(buf_.get(), header.data(), kHeaderSize);
  const uint16_t crc = crc16(0, buf_.get(), size_);
  uint8_t* p = grow(2);
  p[0] = static_cast<uint8_t>(crc & 0xFF);
  p[1] = static_cast<uint8_t>(crc >> 8);
  std::string out(reinterpret_cast<const char*>(buf_.get()), size_);
  size_ = kHeaderSize;
  return out;
}

}  // namespace ts::fit
