#include "boundary/api_steps.h"

#include "core/convert/bundle.h"
#include "core/convert/exercise_digest.h"
#include "core/convert/step_pieces.h"
#include "core/convert/steps.h"

namespace ts::api {

namespace {
using Stage = Error (*)(const convert::BundleView&, std::string&);

Error on_bundle(boundary::Input in, std::string& out, Stage stage) {
  convert::BundleView bundle;
  if (Error e = convert::decode_bundle(in.data, in.len, boundary::kInputPadding, bundle)) return e;
  return stage(bundle, out);
}
}  // namespace

Error plan(boundary::Input in, std::string& out) { return on_bundle(in, out, convert::plan_export); }
Error step(boundary::Input in, std::string& out) { return on_bundle(in, out, convert::run_step); }
Error assemble(boundary::Input in, std::string& out) { return on_bundle(in, out, convert::assemble_parts); }
Error gather(boundary::Input in, std::string& out) { return on_bundle(in, out, convert::gather_parts); }
Error digest(boundary::Input in, std::string& out) { return on_bundle(in, out, convert::digest_exercise_files); }
Error step_pieces(boundary::Input in, std::string& out) { return on_bundle(in, out, convert::plan_pieces); }

}  // namespace ts::api
