// worker-shim/public/js/archive-path.js: an archive member's name as the export's path, the
// page's rule for zips and .tgz alike (the CLI's is export_source.cpp's, tests/node/cli.test.js
// 15). Numbered rows, each with why.
import { test } from "node:test";
import assert from "node:assert/strict";
import { archivePath } from "../../worker-shim/public/js/archive-path.js";

const ROWS = [
  [1, "a plain path is itself", "Takeout/Fitbit/Profile.csv", "Takeout/Fitbit/Profile.csv"],
  [2, "Windows' separators read as '/'", "Takeout\\Fitbit\\Profile.csv", "Takeout/Fitbit/Profile.csv"],
  [3, "'./' in front, as `tar czf x.tgz -C folder .` writes (helper finding)", "./Takeout/Fitbit/Profile.csv", "Takeout/Fitbit/Profile.csv"],
  [4, "'/' in front, from an absolute path (helper finding: a zip of such names was 'no Fitbit data')", "/Takeout/Fitbit/Profile.csv", "Takeout/Fitbit/Profile.csv"],
  [5, "any run of them", "././/Takeout/Fitbit/Profile.csv", "Takeout/Fitbit/Profile.csv"],
  [6, "only in front: a '.' part inside stays, for the classifier to name unsafe", "Takeout/./Fitbit/../Profile.csv", "Takeout/./Fitbit/../Profile.csv"],
  [7, "'../' in front is not taken away: the classifier names it unsafe", "../Takeout/Fitbit/Profile.csv", "../Takeout/Fitbit/Profile.csv"],
];

for (const [n, why, name, path] of ROWS) {
  test(`${n}: ${why}`, () => assert.equal(archivePath(name), path));
}
