#include "core/convert/import_text.h"

namespace ts::convert {

std::string import_text(const OutputCounts& n) {
  std::string t =
      "How to import these files into Garmin Connect\n"
      "=============================================\n\n"
      "1. Sign in at https://connect.garmin.com on a computer.\n"
      "2. Open Import Data (the cloud icon with an arrow, or https://connect.garmin.com/modern/import-data).\n"
      "3. Choose files: select up to 100 files at a time, then press Import Data.\n"
      "   Wait for each batch to finish before starting the next.\n\n";
  if (n.weight_files > 0) {
    t += "Weight (folder weight/): " + std::to_string(n.weight_files) +
         " FIT weight file(s). They appear under Health Stats > Weight.\n"
         "Times are UTC inside the files; Garmin shows them in your own time zone.\n"
         "Importing a file twice is harmless: Garmin refuses the copy as a duplicate.\n\n";
  }
  if (n.activities > 0) {
    t += "Workouts (folder activities/): " + std::to_string(n.activities) +
         " activity FIT file(s), one per workout, named by local date and Fitbit logId.\n"
         "Import them in batches of at most 100. Each appears under Activities with its sport,\n"
         "totals, heart rate and, where Fitbit had GPS, its map. Re-importing one is refused as a duplicate.\n\n";
  }
  if (n.daily_files > 0) {
    t += "Daily steps, distance, floors, calories (folder csv/): " + std::to_string(n.daily_files) +
         " Fitbit-style Activities CSV file(s), at most 75 days each.\n"
         "On Import Data choose each CSV; when asked for units choose metric (distance is in kilometres).\n"
         "Garmin's CSV import is known to work only sometimes; if a file is refused, try again later\n"
         "with fewer files. Days already recorded by a Garmin device may not be replaced.\n\n";
  }
  if (n.reference_files > 0) {
    t += "Not importable (folder reference/): " + std::to_string(n.reference_files) +
         " CSV file(s) with data Garmin Connect has no import for\n"
         "(sleep, resting heart rate, heart-rate history, SpO2, HRV, ...). They are yours to keep and read;\n"
         "manifest.json says for each kind why it was not converted.\n\n";
  }
  if (n.weight_files == 0 && n.activities == 0 && n.daily_files == 0) {
    t += "This conversion produced no files to import.\n\n";
  }
  t += "manifest.json lists every file with its number of entries and first and last time,\n"
       "the time zone and weight unit used (with the evidence for the unit), and what was skipped and why.\n";
  return t;
}

}  // namespace ts::convert
