#include "core/convert/convert.h"

#include "core/convert/steps.h"

namespace ts::convert {

Error convert_export(const BundleView& in, std::string& out_bundle) { return convert_in_steps(in, out_bundle); }

Error validate_export(const BundleView& in, std::string& out) { return report_export(in, out); }

}  // namespace ts::convert
