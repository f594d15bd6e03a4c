#include "core/weight/weight_fit.h"

#include "core/fit/writer.h"

namespace ts::weight {

namespace {
constexpr uint16_t kProduct = 1;            // our own product id under `development`
constexpr uint16_t kSoftwareVersion = 100;  // file_creator: 1.00
}  // namespace

Error write_weight_fit(const WeighIn* entries, size_t count, std::string& out) {
  if (count == 0) return fail(Status::invalid_argument, "a weight file needs at least one weigh-in");
  namespace f = fit;
  f::Writer w(64 + count * 16);  // about 15 bytes per weigh-in, plus definitions
  const int64_t created = entries[0].utc_sec;
  if (Error e = w.write(f::Mesg(f::mesg::file_id)
                            .set_raw(0, f::value::file_weight)
                            .set_raw(1, f::value::manufacturer_development)
                            .set_raw(2, kProduct)
                            .set_raw(3, 1)
                            .set_time(4, created)))
    return e;
  if (Error e = w.write(f::Mesg(f::mesg::file_creator).set_raw(0, kSoftwareVersion))) return e;
  if (Error e = w.write(f::Mesg(f::mesg::device_info)
                            .set_time(f::kTimestampField, created)
                            .set_raw(0, 0)  // device_index 0: the creator
                            .set_raw(2, f::value::manufacturer_development)
                            .set_raw(4, kProduct)
                            .set(5, kSoftwareVersion / 100.0)))
    return e;
  for (size_t i = 0; i < count; ++i) {
    const WeighIn& in = entries[i];
    f::Mesg m(f::mesg::weight_scale);
    m.set_time(f::kTimestampField, in.utc_sec).set(0, in.kg);
    if (in.fat_percent) m.set(1, *in.fat_percent);
    if (in.bmi) m.set(13, *in.bmi);
    if (Error e = w.write(m)) return e;
  }
  out = w.finish();
  return {};
}

}  // namespace ts::weight
