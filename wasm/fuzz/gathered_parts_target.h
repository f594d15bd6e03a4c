// What the gathered-parts fuzzer does with one input, shared by the libFuzzer target
// (gathered_parts_fuzz.cpp) and the regression test that replays its corpus and findings
// (tests/cpp/fuzz_gathered_regressions_test.cpp).
//
// Parts come back from the client (the page sends them to the gather and assembly routes), so
// a part is untrusted input like an export file. The input is tried as a part (a step's
// part.json, or a gathered part when it starts with TSB1) and, when it is not a bundle, as the
// gathered.json of a hand-made gathered part (with empty tables) and as its tables (with no
// sections). Each gather must end in a gathered part or a
// format refusal; a gathered part the core wrote must read back to the same bytes (gathered
// alone) and gather with itself; assembly after a real plan part must end in outputs or a
// refusal of the part (format), its paths (integrity) or its size (capacity). Anything else —
// a crash, a sanitizer report, another status, bytes that change on a second reading — is a
// finding (abort).
#pragma once
#include <cstdint>
#include <cstdlib>
#include <string>

#include "core/common/byte_fields.h"
#include "core/convert/bundle.h"
#include "core/convert/steps.h"
#include "simdjson.h"

namespace ts::fuzz {

inline std::string bundle_of(std::initializer_list<std::string_view> parts, std::string_view options = {}) {
  convert::BundleWriter w(options);
  for (std::string_view p : parts) w.add("part.json", p);
  return w.finish();
}

inline Error call_stage(Error (*stage)(const convert::BundleView&, std::string&), const std::string& input, std::string& out) {
  convert::BundleView v;
  if (Error e = convert::decode_bundle(reinterpret_cast<const uint8_t*>(input.data()), input.size(), 0, v)) return e;
  return stage(v, out);
}

// The plan's part of a tiny export (one weigh-in): made per input, as assembly needs one.
inline std::string tiny_plan_part() {
  convert::BundleWriter w;
  w.add("Takeout/Fitbit/Global Export Data/weight-2024-01-01.json",
        R"([{"logId":1,"weight":80.5,"bmi":24.1,"date":"01/01/24","time":"08:00:00","source":"API"}])");
  const std::string in = w.finish();
  std::string plan_json;
  if (call_stage(convert::plan_export, in, plan_json)) abort();
  simdjson::dom::parser parser;
  simdjson::dom::element plan, part;
  if (parser.parse(plan_json).get(plan) || plan["part"].get(part)) abort();
  return simdjson::minify(part);
}

// A gathered part's "tables" with nothing in them (gathered.h).
inline std::string empty_tables() {
  std::string out;
  ByteOut w{out};
  w.u32(0);
  w.u32(0);
  for (int t = 0; t < 2; ++t) {
    w.i64(INT64_MAX);
    w.i64(INT64_MIN);
    w.u32(0);
  }
  return out;
}

inline void expect_status(const Error& e, std::initializer_list<Status> allowed) {
  if (!e) return;
  for (Status s : allowed)
    if (e.status == s) return;
  abort();
}

inline void gathered_parts_once(const uint8_t* data, size_t size) {
  const std::string part(reinterpret_cast<const char*>(data), size);
  std::string gathered;
  const Error first = call_stage(convert::gather_parts, bundle_of({part}), gathered);
  expect_status(first, {Status::format});
  if (part.size() < 4 || part.compare(0, 4, "TSB1") != 0) {
    // The same bytes as the gathered.json of a hand-made gathered part, then as its tables.
    convert::BundleWriter hand(R"({"gathered":1})");
    hand.add("gathered.json", part);
    hand.add("tables", empty_tables());
    std::string out;
    expect_status(call_stage(convert::gather_parts, bundle_of({hand.finish()}), out), {Status::format});
    convert::BundleWriter tables(R"({"gathered":1})");
    tables.add("gathered.json", R"({"sections":[]})");
    tables.add("tables", part);
    expect_status(call_stage(convert::gather_parts, bundle_of({tables.finish()}), out), {Status::format});
  }
  if (first) return;
  // A part the core wrote reads back to itself, and gathers with itself.
  std::string again, twice;
  if (call_stage(convert::gather_parts, bundle_of({gathered}), again) || again != gathered) abort();
  if (call_stage(convert::gather_parts, bundle_of({gathered, gathered}), twice)) abort();
  std::string assembled;
  expect_status(call_stage(convert::assemble_parts, bundle_of({tiny_plan_part(), gathered}), assembled),
                {Status::format, Status::integrity, Status::capacity});
}

}  // namespace ts::fuzz
