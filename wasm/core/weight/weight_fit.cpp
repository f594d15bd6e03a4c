#include "core/weight/weight_fit.h"

#include "core/fit/preamble.h"
#include "core/fit/writer.h"

namespace ts::weight {

Error write_weight_fit(const WeighIn* entries, size_t count, std::string& out) {
  if (count == 0) return fail(Status::invalid_argument, "a weight file needs at least one weigh-in");
  namespace f = fit;
  namespace scale = fit::field::weight_scale;
  f::Writer w(64 + count * 16);  // about 15 bytes per weigh-in, plus definitions
  if (Error e = f::write_preamble(w, f::value::file_weight, entries[0].utc_sec)) return e;
  for (size_t i = 0; i < count; ++i) {
    const WeighIn& in = entries[i];
    f::Mesg m(f::mesg::weight_scale);
    m.set_time(f::kTimestampField, in.utc_sec).set(scale::weight, in.kg);
    if (in.fat_percent) m.set(scale::percent_fat, *in.fat_percent);
    if (in.bmi) m.set(scale::bmi, *in.bmi);
    if (Error e = w.write(m)) return e;
  }
  out = w.finish();
  return {};
}

}  // namespace ts::weight
