#include "core/convert/import_steps.h"

namespace ts::convert {

namespace {

std::string count_of(size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

// "in one go" / "in 5 rounds of at most 100 (by file name: 1-100, 101-200, …)".
std::string rounds(size_t files, size_t batches) {
  if (batches <= 1) return "in one go";
  const size_t second_last = batches == 2 ? files : 2 * kImportBatch;
  std::string t = "in " + std::to_string(batches) + " rounds of at most " + std::to_string(kImportBatch) +
                  " (in file-name order: 1-" + std::to_string(kImportBatch) + ", " + std::to_string(kImportBatch + 1);
  if (second_last > kImportBatch + 1) t += "-" + std::to_string(second_last);
  t += batches > 2 ? ", and so on)" : ")";
  return t + "; wait for each round to finish before starting the next";
}

ImportStep folder_step(const char* folder, size_t files) {
  ImportStep s;
  s.folder = folder;
  s.files = files;
  s.batches = (files + kImportBatch - 1) / kImportBatch;
  return s;
}

}  // namespace

std::vector<ImportStep> import_steps(const ImportCounts& c) {
  std::vector<ImportStep> steps;
  const bool importable = c.weight + c.activities + c.daily > 0;
  if (!c.missing_parts.empty()) {
    ImportStep first;
    first.text = "Before importing: " + c.missing_parts;
    steps.push_back(first);
  }
  if (importable) {
    ImportStep unzip;
    unzip.text =
        "Unzip the download on a computer: Garmin Connect imports files only on its website, not in the phone app.";
    steps.push_back(unzip);
    ImportStep open;
    open.link = kImportDataUrl;
    open.text = std::string("Sign in to Garmin Connect and open Import Data: ") + kImportDataUrl +
                " (or the cloud icon with an arrow at the top right, then Import Data).";
    steps.push_back(open);
  }
  if (c.weight > 0) {
    ImportStep s = folder_step("weight/", c.weight);
    s.text = "Import the " + count_of(c.weight, "FIT file", "FIT files") + " in the folder weight/ " + rounds(s.files, s.batches) +
             ". Your weigh-ins appear under Health Stats > Weight, at the times you made them.";
    steps.push_back(s);
  }
  if (c.activities > 0) {
    ImportStep s = folder_step("activities/", c.activities);
    s.text = "Import the " + count_of(c.activities, "FIT file", "FIT files") + " in the folder activities/, one per workout, " +
             rounds(s.files, s.batches) +
             ". Each appears under Activities with its sport, totals, heart rate and, where Fitbit had GPS, its map.";
    if (!c.missing_maps.empty()) {
      // Which lack their map, and why: Garmin shows them without a route.
      constexpr size_t kListed = 10;
      s.text += " Without a map, though Fitbit recorded GPS (" + std::to_string(c.missing_maps.size()) + "):";
      for (size_t i = 0; i < c.missing_maps.size() && i < kListed; ++i) s.text += (i ? "; " : " ") + c.missing_maps[i];
      if (c.missing_maps.size() > kListed)
        s.text += "; and " + std::to_string(c.missing_maps.size() - kListed) + " more (manifest.json: files[].mapMissing)";
      s.text += ".";
    }
    steps.push_back(s);
  }
  if (c.implausible_left_out > 0) {
    ImportStep s;
    const bool one = c.implausible_left_out == 1;
    s.text = count_of(c.implausible_left_out, "workout", "workouts") +
             (one ? " impossible for its sport (such as a 24-hour run of 1 km) was left out; manifest.json's skipped says "
                    "which and why. To keep it, convert again with \"Keep the … that look impossible\" ticked on the page "
                    "(--keep-implausible in the CLI, includeImplausible over the API)."
                  : " impossible for their sport (such as a 24-hour run of 1 km) were left out; manifest.json's skipped says "
                    "which and why. To keep them, convert again with \"Keep the … that look impossible\" ticked on the page "
                    "(--keep-implausible in the CLI, includeImplausible over the API).");
    steps.push_back(s);
  }
  if (c.daily > 0) {
    ImportStep s = folder_step("csv/", c.daily);
    s.units = "metric";
    s.text = "Import the " + count_of(c.daily, "CSV file", "CSV files") +
             " in the folder csv/ (daily steps, distance, floors, calories) " + rounds(s.files, s.batches) +
             ". When Garmin asks for units, choose Metric: the distances are in kilometres. Garmin's CSV import sometimes "
             "refuses a file; if it does, try that file again later on its own. Days a Garmin device already recorded may "
             "not be replaced.";
    steps.push_back(s);
  }
  if (c.reference > 0) {
    ImportStep s;
    s.folder = "reference/";
    s.files = c.reference;
    s.text = "Keep the " + count_of(c.reference, "file", "files") +
             " in the folder reference/ for your own records: Garmin Connect has no import for sleep, resting heart rate, "
             "heart-rate history, SpO2 or HRV. manifest.json says for each kind why it was not converted.";
    steps.push_back(s);
  }
  ImportStep last;
  last.text = importable ? "Importing a file twice does no harm: Garmin recognises the copy and skips it. manifest.json lists "
                           "every file with its first and last time, the time zone and weight unit used, and what was skipped."
                         : "This conversion produced no files Garmin Connect can import. manifest.json says what was "
                           "skipped and why.";
  steps.push_back(last);
  return steps;
}

std::string import_text(const std::vector<ImportStep>& steps) {
  constexpr size_t kWidth = 96;
  std::string t =
      "How to import these files into Garmin Connect\n"
      "=============================================\n\n";
  for (size_t i = 0; i < steps.size(); ++i) {
    const std::string number = std::to_string(i + 1) + ". ";
    const std::string indent(number.size(), ' ');
    std::string line = number;
    size_t pos = 0;
    const std::string& text = steps[i].text;
    bool first_word = true;
    while (pos < text.size()) {
      size_t end = text.find(' ', pos);
      if (end == std::string::npos) end = text.size();
      const std::string word = text.substr(pos, end - pos);
      if (!first_word && line.size() + 1 + word.size() > kWidth) {
        t += line + "\n";
        line = indent + word;
      } else {
        line += (first_word ? "" : " ") + word;
      }
      first_word = false;
      pos = end + 1;
    }
    t += line + "\n\n";
  }
  return t;
}

void write_import_steps(json::Writer& w, const std::vector<ImportStep>& steps) {
  // Empty strings are written as null: "no folder", "no units", "no link".
  auto text_or_null = [&](const char* key, const std::string& v) {
    w.key(key);
    if (v.empty()) w.null();
    else w.value(v);
  };
  w.array();
  for (const ImportStep& s : steps) {
    w.object();
    text_or_null("folder", s.folder);
    w.member("files", s.files).member("batches", s.batches);
    text_or_null("units", s.units);
    text_or_null("link", s.link);
    w.member("text", s.text).end();
  }
  w.end();
}

}  // namespace ts::convert
