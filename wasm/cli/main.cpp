// trackersync — the command-line converter, on the same core as the Worker and the browser.
//
//   trackersync validate <export.zip|folder>… [--json] [--tz ZONE]
//   trackersync convert  <export.zip|folder>… -o <dir> [--tz ZONE] [--weight-unit auto|lb|kg]
//                        [--kinds weight,workouts,daily,reference] [--skip-auto-detected]
//                        [--keep-implausible]
//   trackersync files    <export.zip|folder>… [--json]   (each file's kind, or why it is skipped)
//   trackersync transitions <ZONE> <fromSec> <toSec>     (JSON; what the CLI feeds the core)
//
// Several paths are the parts of one export (Takeout splits large exports into numbered zips).
// It lists the export (folders or Takeout zips), reads its light files, and converts the way
// every other caller does (wasm/core/convert/steps.h): ts::api::plan, then ts::api::step for
// each step with only that step's files read from disk, then ts::api::assemble. It writes the
// core's outputs (manifest.json, IMPORT.txt, weight/…, activities/…, csv/…, reference/…) into
// the folder unchanged: byte for byte what the web download contains for the same export and
// options, in memory bounded by the largest step.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "boundary/api_convert.h"
#include "boundary/api_files.h"
#include "boundary/api_steps.h"
#include "cli/export_source.h"
#include "cli/output_folder.h"
#include "cli/recent_files.h"
#include "cli/takeout_parts.h"
#include "cli/zoneinfo.h"
#include "core/common/civil_time.h"
#include "core/convert/bundle.h"
#include "core/convert/options.h"
#include "core/convert/steps.h"
#include "core/fitbit/file_kinds.h"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// Exit codes: each failure a script may want to tell apart has its own.
enum Exit : int {
  kOk = 0,
  kFailed = 1,        // the conversion itself failed (message says why)
  kUsage = 2,         // bad command line
  kMissingPath = 3,   // the export path does not exist or cannot be read
  kNotFitbit = 4,     // a zip or folder with no Fitbit export in it
  kNoWeight = 5,      // nothing to convert: no records of the requested kinds (no weight records, …)
  kOutputError = 6,   // the output folder cannot be written
  kBadZone = 7,       // unknown time zone, or none known and none given
};

// The heart-rate days the last workouts read, kept for the next ones (recent_files.h): a
// workout reads two or three days of up to 4 MB, so 32 MiB holds the days of the last few.
constexpr size_t kRecentBytes = 32u << 20;

int usage(const char* msg = nullptr) {
  if (msg) std::fprintf(stderr, "trackersync: %s\n\n", msg);
  std::fprintf(stderr,
               "usage:\n"
               "  trackersync validate <export.zip|folder>... [--json] [--tz ZONE]\n"
               "  trackersync convert  <export.zip|folder>... -o <dir> [--tz ZONE] [--weight-unit auto|lb|kg]\n"
               "                       [--kinds weight,workouts,daily,reference] [--skip-auto-detected]\n"
               "                       [--keep-implausible]\n"
               "  trackersync files    <export.zip|folder>... [--json]\n"
               "\nSeveral paths are the parts of one export. --tz chooses the zone for every local time;\n"
               "without it the export's own UTC offsets are followed, and Profile.csv's zone fills in;\n"
               "an export with local times and no zone (no Profile.csv) takes this machine's (TZ).\n"
               "\nexit codes: 0 ok, 1 conversion failed, 2 usage, 3 path missing or unreadable,\n"
               "            4 not a Fitbit export, 5 nothing to convert (e.g. no weight records),\n"
               "            6 output not writable, 7 time zone\n");
  return kUsage;
}

// Calls a core handler the way the WASM boundary does: input followed by zeroed padding.
ts::Error call(ts::boundary::Handler h, const std::string& input, std::string& out) {
  std::string padded = input;
  padded.append(ts::boundary::kInputPadding, '\0');
  return h({reinterpret_cast<const uint8_t*>(padded.data()), input.size()}, out);
}

// Every listed file: light ones with their bytes, the others empty (their sizes in "sizes").
std::string bundle_of(const ts::cli::Source& src, const std::string& options) {
  ts::convert::BundleWriter w(options);
  for (const auto& f : src.files) w.add(f.name, f.data);
  return w.finish();
}

// One size per file, in bundle order (light_files.h FileSizes): two copies of one path (two
// Takeout parts) each keep their own, where a map by path gave both the last copy's, and the
// plan judged the first copy of a track by the other's size.
uint64_t size_of(const ts::cli::SourceFile& f) { return f.data.empty() ? f.size : f.data.size(); }

json sizes_of(const ts::cli::Source& src) {
  json sizes = json::array();
  for (const auto& f : src.files) sizes.push_back(size_of(f));
  return sizes;
}

int load(const std::vector<std::string>& paths, ts::cli::Source& src) {
  // Not an error: what the parts given hold is read, as the page reads it, and said to be part.
  for (const std::string& w : ts::cli::missing_part_warnings(paths)) std::fprintf(stderr, "trackersync: warning: %s\n", w.c_str());
  std::string message;
  for (const std::string& path : paths) {
    switch (ts::cli::read_export(path, src, message)) {
      case ts::cli::SourceError::none: break;
      case ts::cli::SourceError::missing:
      case ts::cli::SourceError::unreadable:
        std::fprintf(stderr, "trackersync: %s\n", message.c_str());
        return kMissingPath;
      case ts::cli::SourceError::bad_zip:
        std::fprintf(stderr, "trackersync: %s\n", message.c_str());
        return kNotFitbit;
    }
  }
  if (ts::cli::finish(src, message) != ts::cli::SourceError::none) {
    std::fprintf(stderr, "trackersync: %s\n", message.c_str());
    return kMissingPath;
  }
  if (src.known == 0 && src.google == 0) {
    // An archive inside (a Takeout zip zipped again): the export is most likely in it.
    std::string inner;
    for (const auto& f : src.files) {
      const std::string_view n = f.name;
      for (std::string_view ext : {".zip", ".tgz", ".tar.gz"})
        if (inner.empty() && n.size() > ext.size() && n.substr(n.size() - ext.size()) == ext) inner = f.name;
    }
    // An archive in a folder is read when its own path is given (named here as this machine
    // finds it); one inside a zip must be unzipped first (helper finding: "unpack it" was said
    // of a zip lying in a folder). A file's name begins with the name of the path it came from.
    std::string advice = "unpack it and give that instead";
    for (const std::string& p : paths) {
      std::error_code ec;
      const fs::path given = fs::path(p).lexically_normal();
      const std::string base = (given.has_filename() ? given : given.parent_path()).filename().string();
      if (!fs::is_directory(p, ec) || inner.compare(0, base.size() + 1, base + "/") != 0) continue;
      const fs::path parent = (given.has_filename() ? given : given.parent_path()).parent_path();
      inner = (parent / inner).string();
      advice = "give that path instead";
      break;
    }
    std::fprintf(stderr,
                 "trackersync: %s holds no Fitbit export (%zu files looked at, none named like a Fitbit export file: "
                 "weight-YYYY-MM-DD.json, Profile.csv, exercise-N.json, …; see `trackersync files`)%s\n",
                 paths.size() == 1 ? paths[0].c_str() : "these paths", src.seen,
                 inner.empty() ? "" : ("; it holds another archive, " + inner + ": " + advice).c_str());
    return kNotFitbit;
  }
  return kOk;
}

// The report from the light files, the others named with their sizes (what a plan reads).
int validate_report(const ts::cli::Source& src, json options, json& report) {
  if (options.is_null()) options = json::object();
  options["sizes"] = sizes_of(src);
  std::string out;
  if (ts::Error e = call(ts::api::validate, bundle_of(src, options.dump()), out)) {
    std::fprintf(stderr, "trackersync: validation failed: %s\n", e.message.c_str());
    return kFailed;
  }
  report = json::parse(out);
  return kOk;
}

std::string convert_options_text() {
  std::string t;
  for (const char* o : ts::fitbit::kConvertOptions) t += std::string(t.empty() ? "" : ", ") + o;
  return t;
}

// Whether the report has records for one of the kinds asked for (all kinds when none).
bool has_records(const json& report, const std::vector<std::string>& kinds) {
  for (const auto& k : report["kinds"]) {
    const bool some = k.contains("records") ? k["records"].get<int64_t>() > 0 : k.value("files", int64_t{0}) > 0;
    if (!some) continue;
    if (kinds.empty()) return true;
    for (const auto& w : kinds)
      if (ts::fitbit::report_kind_converted_by(k["kind"].get<std::string>(), w)) return true;
  }
  return false;
}

std::string member_or(const json& j, const char* key, const char* fallback) {
  return j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : fallback;
}

void print_skipped_files(const json& groups, size_t listed) {
  size_t total = 0;
  for (const auto& g : groups) total += g["files"].get<size_t>();
  if (total == 0) return;
  std::printf("  skipped files (%zu), by reason:\n", total);
  for (const auto& g : groups) {
    std::printf("    %s (%zu): %s\n", g["code"].get<std::string>().c_str(), g["files"].get<size_t>(),
                g["reason"].get<std::string>().c_str());
    const auto& paths = g["paths"];
    for (size_t i = 0; i < paths.size() && i < listed; ++i) std::printf("      %s\n", paths[i].get<std::string>().c_str());
    if (g["files"].get<size_t>() > std::min(paths.size(), listed))
      std::printf("      … and %zu more (--json lists up to %zu)\n", g["files"].get<size_t>() - std::min(paths.size(), listed),
                  ts::fitbit::kListedPerReason);
  }
}

// The records the report could not read, and why: the first `listed`, then how many more.
void print_problems(const json& problems, size_t listed) {
  if (problems.empty()) return;
  std::printf("  problems (%zu):\n", problems.size());
  for (size_t i = 0; i < problems.size() && i < listed; ++i) {
    const auto& p = problems[i];
    std::printf("    %s%s: %s\n", p["source"].get<std::string>().c_str(),
                p.contains("index") ? ("#" + std::to_string(p["index"].get<int64_t>())).c_str() : "",
                p["reason"].get<std::string>().c_str());
  }
  if (problems.size() > listed) std::printf("    … and %zu more (trackersync validate lists them)\n", problems.size() - listed);
}

void print_zone_evidence(const json& r) {
  const json& ev = r["zoneEvidence"];
  if (!ev.is_object() || ev["periods"].empty()) {
    std::printf("  UTC offsets from the export: none (no weigh-in is in both weight.csv and the weight logs, and no "
                "workout in Google's list says its offset)\n");
    return;
  }
  const std::string zone = ev["comparedWith"].is_string() ? ev["comparedWith"].get<std::string>() : "";
  // Each period by what showed it: weigh-ins, Google's list of workouts, or both (helper
  // finding: offsets shown by workouts alone were printed as "0 weigh-in(s)").
  std::printf("  UTC offsets the export shows (local time - UTC, from weigh-ins in both weight.csv and the weight logs, "
              "and from workouts in Google's list):\n");
  for (const auto& p : ev["periods"]) {
    const std::string agree = p["agrees"].is_null() ? "" : p["agrees"].get<bool>() ? "  agrees with " + zone : "  differs from " + zone;
    const int64_t weigh_ins = p.value("weighIns", int64_t{0}), workouts = p.value("workouts", int64_t{0});
    std::string shown;
    if (weigh_ins > 0) shown = std::to_string(weigh_ins) + (weigh_ins == 1 ? " weigh-in" : " weigh-ins");
    if (workouts > 0) shown += (shown.empty() ? "" : ", ") + std::to_string(workouts) + (workouts == 1 ? " workout" : " workouts");
    std::printf("    %s .. %s  UTC%s  %s%s\n", p["from"].get<std::string>().substr(0, 10).c_str(),
                p["to"].get<std::string>().substr(0, 10).c_str(), p["offset"].get<std::string>().c_str(), shown.c_str(),
                agree.c_str());
  }
}

void print_summary(const std::string& path, const json& r) {
  std::printf("Fitbit export: %s (%lld files, %lld recognised, %lld skipped)\n", path.c_str(),
              static_cast<long long>(r["files"]["total"].get<int64_t>()),
              static_cast<long long>(r["files"]["recognized"].get<int64_t>()),
              static_cast<long long>(r["files"]["skipped"].get<int64_t>()));
  for (const auto& k : r["kinds"]) {
    // Ranges come as local times (weight logs, days) or UTC instants (workouts); reference
    // kinds only count files.
    std::string range;
    if (k.contains("firstLocal")) range = member_or(k, "firstLocal", "?") + " .. " + member_or(k, "lastLocal", "?") + " (local time)";
    else if (k.contains("firstUtc")) range = member_or(k, "firstUtc", "?") + " .. " + member_or(k, "lastUtc", "?") + " (UTC)";
    else if (k.contains("firstDay"))
      // The last file begins on lastDay and holds up to a month ("2023-11-26 .. 2023-11-26 or
      // later" read as one day: helper finding).
      range = member_or(k, "firstDay", "?") + " .. " + (k.value("lastDayIsFileStart", false) ? "within a month after " : "") +
              member_or(k, "lastDay", "?");
    const std::string what = k.contains("records") ? std::to_string(k["records"].get<int64_t>()) + " records in " : "";
    std::printf("  %s: %s%lld file(s)%s%s%s\n", k["kind"].get<std::string>().c_str(), what.c_str(),
                static_cast<long long>(k.value("files", int64_t{0})), range.empty() ? "" : ", ", range.c_str(),
                k.value("importable", false) ? "" : " (not importable; see reference/)");
    if (k.contains("weighIns")) {
      const auto& w = k["weighIns"];
      std::printf("    weigh-ins: %lld in the weight logs, %lld in weight.csv; %lld in both (written once), %lld only in "
                  "the logs, %lld only in weight.csv, %lld duplicates dropped\n",
                  static_cast<long long>(w["json"].get<int64_t>()), static_cast<long long>(w["csv"].get<int64_t>()),
                  static_cast<long long>(w["matched"].get<int64_t>()), static_cast<long long>(w["jsonOnly"].get<int64_t>()),
                  static_cast<long long>(w["csvOnly"].get<int64_t>()), static_cast<long long>(w["duplicates"].get<int64_t>()));
    }
    if (k.contains("implausible") && k["implausible"].get<int64_t>() > 0)
      std::printf("    %lld workout(s) impossible for their sport (left out unless --keep-implausible)\n",
                  static_cast<long long>(k["implausible"].get<int64_t>()));
    if (k.contains("gpsWithoutTrack") && k["gpsWithoutTrack"].get<int64_t>() > 0)
      std::printf("    %lld workout(s) recorded GPS but have no track in the export (converted without a map)\n",
                  static_cast<long long>(k["gpsWithoutTrack"].get<int64_t>()));
  }
  if (r["timeZone"].is_null()) std::printf("  time zone: not in the export (Profile.csv absent; pass --tz)\n");
  else std::printf("  time zone: %s (Profile.csv)\n", r["timeZone"]["name"].get<std::string>().c_str());
  print_zone_evidence(r);
  if (!r["weightUnit"].is_null()) {
    const auto& u = r["weightUnit"];
    std::printf("  weight unit: %s (decided by %s%s)\n", u["value"].get<std::string>().c_str(),
                u["decidedBy"].get<std::string>().c_str(), u.value("conflict", false) ? "; the evidence conflicts" : "");
    for (const auto& e : u["evidence"]) {
      const std::string verdict = e["verdict"].is_null() ? "no verdict" : "says " + e["verdict"].get<std::string>();
      const std::string height = e.contains("height") ? " (height from " + e["height"].get<std::string>() + ")" : "";
      std::printf("    %s%s: of %d %s, %d agree with kg, %d with lb: %s\n", e["source"].get<std::string>().c_str(),
                  height.c_str(), e["of"].get<int>(), e["of"].get<int>() == 1 ? "weigh-in" : "weigh-ins", e["kg"].get<int>(),
                  e["lb"].get<int>(), verdict.c_str());
    }
  }
  for (const auto& w : r["warnings"]) std::printf("  warning: %s\n", w.get<std::string>().c_str());
  print_problems(r["problems"], 20);
  print_skipped_files(r["skippedFiles"], 10);
}

std::string join_paths(const std::vector<std::string>& paths) {
  std::string t;
  for (const auto& p : paths) t += (t.empty() ? "" : " + ") + p;
  return t;
}

// The convert options' timeZone for `zone` over the report's range (the zone's offset
// transitions from the system's zoneinfo), or an error exit code. An export without local-time
// records has no range: the zone still goes in, with its offset now (as the page and the
// server do), so the manifest names the zone the conversion used; no output reads the offset.
int zone_option(const std::string& zone, bool explicit_zone, const json& report, json& out) {
  std::string message;
  if (!ts::cli::zone_exists(zone, message)) {
    // Not given: the export's Profile.csv named it (helper finding: the message did not say
    // where the zone came from, nor that --tz chooses another).
    if (!explicit_zone) {
      const json& source = report["timeZone"].is_object() ? report["timeZone"]["source"] : json();
      message += ", which the export's " + (source.is_string() ? source.get<std::string>() : std::string("profile")) +
                 " names. Pass --tz with the zone the records were logged in, such as --tz America/New_York; nothing was written";
    }
    std::fprintf(stderr, "trackersync: %s\n", message.c_str());
    return kBadZone;
  }
  const json& range = report["transitionsRange"];
  const int64_t now = static_cast<int64_t>(std::time(nullptr));
  // The range cut as the page and the server cut it (worker-shim/shared/tz.js timeZoneOption):
  // from 1998 (FIT's first year) to the end of the second year after this one. A record past it
  // (a device clock years ahead) takes the last offset there, on every side: the CLI once read
  // the zone's rules on into 2038 and wrote other calories and warnings than the page (helper
  // finding).
  std::tm utc{};
  const std::time_t now_t = static_cast<std::time_t>(now);
  gmtime_r(&now_t, &utc);
  const int64_t until = ts::civil::days_from_civil(utc.tm_year + 1900 + 3, 1, 1) * 86400 - 1;
  const int64_t zone_from = ts::civil::days_from_civil(1998, 1, 1) * 86400;
  const int64_t from = std::min(std::max(range.is_null() ? now : range["from"].get<int64_t>(), zone_from), until);
  const int64_t to = std::min(std::max(range.is_null() ? now : range["to"].get<int64_t>(), from), until);
  json transitions = json::array();
  for (const auto& t : ts::cli::zone_transitions(zone, from, to)) transitions.push_back({t.utc_sec, t.offset_sec});
  out = {{"name", zone}, {"transitions", transitions}, {"explicit", explicit_zone}};
  return kOk;
}

int cmd_files(const std::vector<std::string>& paths, bool as_json) {
  ts::cli::Source src;
  src.names_only = true;
  if (int rc = load(paths, src)) {
    if (rc != kNotFitbit || src.seen == 0) return rc;
  }
  std::string listing;
  for (size_t i = 0; i < src.files.size(); ++i) {
    if (i) listing.push_back('\0');
    listing += src.files[i].name;
  }
  std::string out;
  if (ts::Error e = call(ts::api::classify_paths, listing, out)) {
    std::fprintf(stderr, "trackersync: %s\n", e.message.c_str());
    return kFailed;
  }
  const json r = json::parse(out);
  json files = json::array();
  for (size_t i = 0; i < src.files.size(); ++i)
    if (!r["kinds"][i].is_null()) files.push_back({{"path", src.files[i].name}, {"kind", r["kinds"][i]}});
  if (as_json) {
    std::printf("%s\n", json({{"files", files}, {"skipped", r["skipped"]}}).dump(2).c_str());
  } else {
    std::printf("%s: %zu file(s), %zu of a kind TrackerSync reads\n", join_paths(paths).c_str(), src.files.size(), files.size());
    for (const auto& f : files) std::printf("  %-26s %s\n", f["kind"].get<std::string>().c_str(), f["path"].get<std::string>().c_str());
    print_skipped_files(r["skipped"], SIZE_MAX);
  }
  return files.empty() ? kNotFitbit : kOk;
}

int cmd_validate(const std::vector<std::string>& paths, bool as_json, const std::vector<std::string>& kinds,
                 const std::string& tz) {
  ts::cli::Source src;
  if (int rc = load(paths, src)) return rc;
  json report;
  if (int rc = validate_report(src, json(), report)) return rc;
  // With a zone (--tz, else Profile.csv's), once more with its offsets, so the report says
  // where the export's own offsets agree with it and where they do not.
  const std::string zone = !tz.empty() ? tz : report["timeZone"].is_null() ? "" : report["timeZone"]["name"].get<std::string>();
  if (!zone.empty() && !report["transitionsRange"].is_null()) {
    json z;
    if (int rc = zone_option(zone, !tz.empty(), report, z)) return rc;
    if (int rc = validate_report(src, json({{"timeZone", z}}), report)) return rc;
  }
  if (as_json) std::printf("%s\n", report.dump(2).c_str());
  else print_summary(join_paths(paths), report);
  if (!has_records(report, kinds)) {
    std::fprintf(stderr, "trackersync: the export has no weight records or other data to convert\n");
    return kNoWeight;
  }
  return kOk;
}

// Writes a step's or assembly's output files (not its part.json) into `dir`; hands parts on.
int write_outputs(const std::string& bundle, const std::string& dir, std::vector<std::string>* parts) {
  ts::convert::BundleView view;
  if (ts::Error e = ts::convert::decode_bundle(reinterpret_cast<const uint8_t*>(bundle.data()), bundle.size(), 0, view)) {
    std::fprintf(stderr, "trackersync: %s\n", e.message.c_str());
    return kFailed;
  }
  for (const auto& f : view.files) {
    if (f.name == "part.json") {
      if (parts) parts->emplace_back(f.data);
      continue;
    }
    const fs::path p = fs::path(dir) / std::string(f.name);
    std::error_code ec;
    fs::create_directories(p.parent_path(), ec);
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    out.write(f.data.data(), static_cast<std::streamsize>(f.data.size()));
    if (ec || !out) {
      std::fprintf(stderr, "trackersync: cannot write %s\n", p.string().c_str());
      return kOutputError;
    }
  }
  return kOk;
}

int cmd_convert(const std::vector<std::string>& paths, const std::string& dir, std::string zone, const std::string& unit,
                const std::vector<std::string>& kinds, bool skip_auto, bool keep_implausible) {
  ts::cli::Source src;
  if (int rc = load(paths, src)) return rc;
  json report;
  if (int rc = validate_report(src, json(), report)) return rc;
  if (!has_records(report, kinds)) {
    // Which files were there and why none is read: an export of only files TrackerSync skips
    // (Google's CSVs of data it does not convert, say) is told what it held (helper finding: a
    // CSV-only export exited 5 naming nothing).
    // Records there, none readable (a weight.csv whose times lack their Z, weights written as
    // text): say so, with the first reasons, not "no records" (helper finding).
    print_problems(report["problems"], 5);
    print_skipped_files(report["skippedFiles"], 10);
    const bool skipped = report["files"]["skipped"].get<int64_t>() > 0;
    const size_t unread = report["problems"].size();
    std::string why;
    if (unread > 0)
      why = " (" + std::to_string(unread) + " record(s) could not be read; the first reasons are listed above" +
            (skipped ? ", with the files skipped and why)" : ")");
    else if (skipped)
      why = " (the files it skipped, and why, are listed above)";
    std::fprintf(stderr, "trackersync: the export has no %sweight records or other data of the requested kinds; nothing to convert%s\n",
                 unread > 0 ? "readable " : "", why.c_str());
    return kNoWeight;
  }
  const bool explicit_zone = !zone.empty();
  if (zone.empty() && !report["timeZone"].is_null()) zone = report["timeZone"]["name"].get<std::string>();
  // Local-time records and no zone named: this machine's zone fills in where the export shows
  // no offsets of its own, as the page's field starts at the device's zone, and the summary says
  // so. They were read as UTC, shifting every weigh-in by the person's offset, some onto another
  // day, without a word (helper finding: the account-archive layout, which never has
  // Profile.csv). With no zone to be found on the machine either, convert asks for --tz.
  std::string fallback_note;
  if (zone.empty() && !report["transitionsRange"].is_null()) {
    zone = ts::cli::machine_zone();
    if (zone.empty()) {
      const char* tz_env = std::getenv("TZ");
      const std::string machine = tz_env != nullptr && *tz_env != '\0'
                                      ? std::string("TZ is '") + tz_env + "', not a zone name TrackerSync knows"
                                      : "neither /etc/localtime nor /etc/timezone names one";
      std::fprintf(stderr,
                   "trackersync: the export's records are in local time and it names no time zone TrackerSync can read "
                   "(Profile.csv is absent, or its timezone is empty or not a zone name), and this machine's cannot "
                   "stand in (%s). Pass --tz with the zone they were logged in, such as --tz America/New_York; nothing "
                   "was written\n",
                   machine.c_str());
      return kBadZone;
    }
    fallback_note = "  time zone: the export names none that can be read; this machine's (" + zone +
                    ") reads local times where the export shows no UTC offsets of its own. Pass --tz to choose another\n";
  }
  if (zone.empty()) zone = "UTC";  // no record reads a local time: only printed
  json options = {{"weightUnit", unit}};
  if (!kinds.empty()) options["kinds"] = kinds;
  if (skip_auto) options["includeAutoDetected"] = false;
  if (keep_implausible) options["includeImplausible"] = true;
  // Parts of a Takeout not given: the manifest and IMPORT.txt say them, as the page's do.
  // As the core takes them (convert/options.h): a list it refused would stop the conversion
  // over something the person never asked for.
  for (const auto& gap : ts::cli::missing_parts(paths))
    if (gap.takeout.size() <= ts::convert::kMaxTakeoutName && options["missingParts"].size() < ts::convert::kMaxMissingPartsExports)
      options["missingParts"].push_back({{"takeout", gap.takeout}, {"missing", gap.missing}});
  // As the server does (routes/convert.js), and the page whenever it shows the zone (app.js
  // currentOptions): a zone when the records need one, or when one was given or the profile
  // names one (the manifest then names it).
  if (!report["transitionsRange"].is_null() || explicit_zone || !report["timeZone"].is_null()) {
    json z;
    if (int rc = zone_option(zone, explicit_zone, report, z)) return rc;
    options["timeZone"] = z;
  }
  auto failed = [](const ts::Error& e) {
    std::fprintf(stderr, "trackersync: conversion failed: %s\n", e.message.c_str());
    return e.status == ts::Status::invalid_argument ? kUsage : kFailed;
  };
  json plan_options = options;
  plan_options["sizes"] = sizes_of(src);
  std::string plan_text;
  if (ts::Error e = call(ts::api::plan, bundle_of(src, plan_options.dump()), plan_text)) return failed(e);
  const json plan = json::parse(plan_text);
  std::string message;
  size_t replaced = 0;
  switch (ts::cli::prepare_output_folder(dir, replaced, message)) {
    case ts::cli::OutputFolder::refused:
      std::fprintf(stderr, "trackersync: %s\n", message.c_str());
      return kOutputError;
    case ts::cli::OutputFolder::replaced:
      std::printf("replacing the earlier conversion in %s (%zu file(s) removed)\n", dir.c_str(), replaced);
      break;
    case ts::cli::OutputFolder::ready:
      break;
  }
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) {
    std::fprintf(stderr, "trackersync: cannot create %s: %s\n", dir.c_str(), ec.message().c_str());
    return kOutputError;
  }
  const std::string options_text = options.dump();
  // A path given twice (two Takeout parts) is read from the copy the plan's file table reads:
  // the largest, the first of those as large (core/convert/file_table.h).
  std::map<std::string, const ts::cli::SourceFile*> by_name;
  for (const auto& f : src.files) {
    auto [it, first] = by_name.emplace(f.name, &f);
    if (!first && size_of(f) > size_of(*it->second)) it->second = &f;
  }
  std::vector<std::string> parts{plan["part"].dump()};
  const std::string step_zone = plan.contains("stepZone") ? plan["stepZone"].dump() : std::string();
  ts::cli::RecentFiles recent(kRecentBytes);
  for (const auto& step : plan["steps"]) {
    // The step's files as ts_step's bundle would hold them, read in place from what `recent`
    // hands out (each padded for the readers): a bundle written and copied with its padding was
    // two copies of every file per step, of a month's file per workout of that month.
    const std::string step_opts = ts::convert::step_options(options_text, step.dump(), step_zone);
    // The names the step's views point into, and the files they hold: both kept for the step.
    std::vector<std::string> names;
    for (const auto& name : step["files"]) names.push_back(name.get<std::string>());
    std::vector<ts::cli::RecentFiles::Held> held;
    ts::convert::BundleView in;
    in.options = step_opts;
    in.padded = true;
    for (const std::string& path : names) {
      ts::cli::RecentFiles::Held file = recent.get(path, [&](std::string& out) {
        return ts::cli::read_file(src, *by_name.at(path), out, message) == ts::cli::SourceError::none;
      });
      if (file == nullptr) {
        std::fprintf(stderr, "trackersync: %s\n", message.c_str());
        return kMissingPath;
      }
      in.files.push_back(ts::convert::bundle_file(path, file->data()));
      held.push_back(std::move(file));
    }
    std::string out;
    if (ts::Error e = ts::convert::run_step(in, out)) return failed(e);
    if (int rc = write_outputs(out, dir, &parts)) return rc;
  }
  ts::convert::BundleWriter assembly(options_text);
  for (const std::string& p : parts) assembly.add("part.json", p);
  std::string made;
  if (ts::Error e = call(ts::api::assemble, assembly.finish(), made)) return failed(e);
  if (int rc = write_outputs(made, dir, nullptr)) return rc;
  ts::convert::BundleView view;
  ts::convert::decode_bundle(reinterpret_cast<const uint8_t*>(made.data()), made.size(), 0, view);
  const json manifest = json::parse(view.files.at(0).data);
  std::map<std::string, std::pair<size_t, size_t>> by_kind;  // kind -> (files, records)
  for (const auto& f : manifest["files"]) {
    auto& c = by_kind[f["kind"].get<std::string>()];
    ++c.first;
    c.second += f["records"].get<size_t>();
  }
  const size_t written = manifest["files"].size() + 2;  // + manifest.json and IMPORT.txt
  std::printf("wrote %zu file(s) to %s; time zone %s\n", written, dir.c_str(), zone.c_str());
  std::fputs(fallback_note.c_str(), stdout);
  for (const auto& [kind, c] : by_kind) {
    if (kind == "weight") std::printf("  weight: %zu %s in %zu FIT file(s)\n", c.second, c.second == 1 ? "weigh-in" : "weigh-ins", c.first);
    else if (kind == "activity") std::printf("  workouts: %zu activity FIT file(s)\n", c.first);
    else std::printf("  %s: %zu file(s), %zu rows\n", kind.c_str(), c.first, c.second);  // CSVs, and JSON copied as it is
  }
  if (manifest["weightUnit"].is_object())
    std::printf("  weight unit %s (%s)\n", manifest["weightUnit"]["value"].get<std::string>().c_str(),
                manifest["weightUnit"]["decidedBy"].get<std::string>().c_str());
  // The parts not given were said when the export was read (load), before converting; the
  // manifest's first warning says them for the zip (convert/options.h missingParts): not twice.
  const size_t said_at_load = options.contains("missingParts") ? 1 : 0;
  for (size_t i = said_at_load; i < manifest["warnings"].size(); ++i)
    std::printf("  warning: %s\n", manifest["warnings"][i].get<std::string>().c_str());
  // What was not converted, said here too (helper finding: a file that was not JSON and
  // records without a weight were named only inside manifest.json): the first few, then how
  // many more.
  constexpr size_t kSkippedShown = 5;
  const json& skipped = manifest["skipped"];
  for (size_t i = 0; skipped.is_array() && i < skipped.size() && i < kSkippedShown; ++i) {
    const json& s = skipped[i];
    const std::string where = s.value("source", std::string()) + (s.contains("index") ? " record " + s["index"].dump() : "");
    std::printf("  skipped: %s: %s\n", where.c_str(), s.value("reason", std::string()).c_str());
  }
  if (skipped.is_array() && skipped.size() > kSkippedShown)
    std::printf("  skipped: %zu more (manifest.json's \"skipped\" lists each and why)\n", skipped.size() - kSkippedShown);
  if (manifest["skippedFiles"].is_array())
    for (const auto& g : manifest["skippedFiles"])
      std::printf("  not read: %s file(s): %s\n", g["files"].dump().c_str(), g.value("reason", std::string()).c_str());
  std::printf("next: read %s/IMPORT.txt\n", dir.c_str());
  return kOk;
}

int cmd_transitions(const std::string& zone, const std::string& from, const std::string& to) {
  std::string message;
  if (!ts::cli::zone_exists(zone, message)) {
    std::fprintf(stderr, "trackersync: %s\n", message.c_str());
    return kBadZone;
  }
  json out = json::array();
  for (const auto& t : ts::cli::zone_transitions(zone, std::stoll(from), std::stoll(to))) out.push_back({t.utc_sec, t.offset_sec});
  std::printf("%s\n", out.dump().c_str());
  return kOk;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) return usage();
  const std::string cmd = argv[1];
  std::string path, out_dir, zone, unit = "auto";
  std::vector<std::string> kinds;
  bool as_json = false, skip_auto = false, keep_implausible = false;
  std::vector<std::string> positional;
  for (int i = 2; i < argc; ++i) {
    const std::string a = argv[i];
    auto value = [&](const char* name) -> const char* {
      if (i + 1 >= argc) return nullptr;
      (void)name;
      return argv[++i];
    };
    if (a == "--json") as_json = true;
    else if (a == "-o" || a == "--out") {
      const char* v = value("-o");
      if (!v) return usage("-o needs a folder");
      out_dir = v;
    } else if (a == "--tz") {
      const char* v = value("--tz");
      if (!v) return usage("--tz needs a zone name");
      zone = v;
    } else if (a == "--weight-unit") {
      const char* v = value("--weight-unit");
      if (!v || (std::strcmp(v, "auto") && std::strcmp(v, "lb") && std::strcmp(v, "kg")))
        return usage("--weight-unit must be auto, lb or kg");
      unit = v;
    } else if (a == "--kinds") {
      const char* v = value("--kinds");
      if (!v) return usage("--kinds needs a list, e.g. weight,workouts,daily,reference");
      std::string list = v;
      for (size_t pos = 0; pos <= list.size();) {
        const size_t comma = std::min(list.find(',', pos), list.size());
        const std::string k = list.substr(pos, comma - pos);
        if (!ts::fitbit::is_convert_option(k)) return usage(("unknown kind '" + k + "' (" + convert_options_text() + ")").c_str());
        kinds.push_back(k);
        pos = comma + 1;
      }
    } else if (a == "--skip-auto-detected") {
      skip_auto = true;
    } else if (a == "--keep-implausible") {
      keep_implausible = true;
    } else if (!a.empty() && a[0] == '-') {
      return usage(("unknown option " + a).c_str());
    } else {
      positional.push_back(a);
    }
  }
  if (!zone.empty() && (cmd == "validate" || cmd == "convert")) {
    std::string message;
    if (!ts::cli::zone_exists(zone, message)) {
      std::fprintf(stderr, "trackersync: %s\n", message.c_str());
      return kBadZone;
    }
  }
  if (cmd == "validate" && !positional.empty()) return cmd_validate(positional, as_json, kinds, zone);
  if (cmd == "files" && !positional.empty()) return cmd_files(positional, as_json);
  if (cmd == "convert" && !positional.empty()) {
    if (out_dir.empty()) return usage("convert needs -o <dir>");
    return cmd_convert(positional, out_dir, zone, unit, kinds, skip_auto, keep_implausible);
  }
  if (cmd == "transitions" && positional.size() == 3) return cmd_transitions(positional[0], positional[1], positional[2]);
  return usage();
}
