#include "core/weight/weight_fit.h"

#include <vector>

#include "core/fit/preamble.h"
#include "core/fit/writer.h"

namespace ts::weight {

namespace {
namespace scale = fit::field::weight_scale;

// The profile's entry of a weight_scale field (the writer's own scale and offset).
const fit::FieldDef& field_def(const fit::MessageDef& def, uint8_t num) {
  for (int i = 0; i < def.field_count; ++i)
    if (def.fields[i].num == num) return def.fields[i];
  return def.fields[0];  // not reached: the table has every field named in profile.h
}

Error out_of_range(const fit::FieldDef& f) {
  return fail(Status::integrity, std::string("field '") + f.name + "' of weight_scale is out of range");
}
}  // namespace

Error records_of(const WeighIn* in, size_t count, WeighInRecord* out) {
  // The fields looked up once for the whole run, not three searches of the profile table per
  // weigh-in (a WASM profile put them at 7 % of a ten-year weight conversion; measured turn
  // about, dropping them saved about 1 %).
  const fit::MessageDef& def = *fit::find_message(fit::mesg::weight_scale);
  const fit::FieldDef &weight = field_def(def, scale::weight), &fat = field_def(def, scale::percent_fat),
                      &bmi = field_def(def, scale::bmi);
  // No Error made per value, only for the one out of range: an Error holds a string, and
  // making and dropping three per weigh-in was a twentieth of a ten-year conversion in WASM.
  for (size_t i = 0; i < count; ++i) {
    out[i].utc_sec = in[i].utc_sec;
    if (!fit::physical_to_raw(weight, in[i].kg, out[i].weight)) return out_of_range(weight);
    out[i].fat.reset();
    out[i].bmi.reset();
    if (in[i].fat_percent && !fit::physical_to_raw(fat, *in[i].fat_percent, out[i].fat.emplace())) return out_of_range(fat);
    if (in[i].bmi && !fit::physical_to_raw(bmi, *in[i].bmi, out[i].bmi.emplace())) return out_of_range(bmi);
  }
  return {};
}

Error write_weight_fit(const WeighInRecord* records, size_t count, std::string& out) {
  if (count == 0) return fail(Status::invalid_argument, "a weight file needs at least one weigh-in");
  namespace f = fit;
  f::Writer w(64 + count * 16);  // about 15 bytes per weigh-in, plus definitions
  if (Error e = f::write_preamble(w, f::value::file_weight, records[0].utc_sec)) return e;
  for (size_t i = 0; i < count; ++i) {
    const WeighInRecord& in = records[i];
    f::Mesg m(f::mesg::weight_scale);
    m.set_time(f::kTimestampField, in.utc_sec).set_raw(scale::weight, in.weight);
    if (in.fat) m.set_raw(scale::percent_fat, *in.fat);
    if (in.bmi) m.set_raw(scale::bmi, *in.bmi);
    if (Error e = w.write(m)) return e;
  }
  out = w.finish();
  return {};
}

Error write_weight_fit(const WeighIn* entries, size_t count, std::string& out) {
  std::vector<WeighInRecord> records(count);
  if (Error e = records_of(entries, count, records.data())) return e;
  return write_weight_fit(records.data(), count, out);
}

}  // namespace ts::weight
