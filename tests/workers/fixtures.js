// Small Fitbit-export files for the API tests, in the layouts docs/formats.md describes.
export const WEIGHT_PATH = "Takeout/Fitbit/Global Export Data/weight-2023-01-01.json";
export const PROFILE_PATH = "Takeout/Fitbit/Your Profile/Profile.csv";
export const WEIGHT_CSV_PATH = "Takeout/Fitbit/Physical Activity_GoogleData/weight.csv";

// n weight records starting 2023-01-01, one a day at 07:30 local time, in pounds.
export function weightJson(n = 5, startLb = 190) {
  const records = [];
  for (let i = 0; i < n; i += 1) {
    const d = new Date(Date.UTC(2023, 0, 1 + i, 7, 30, 0));
    const mm = String(d.getUTCMonth() + 1).padStart(2, "0");
    const dd = String(d.getUTCDate()).padStart(2, "0");
    records.push({
      logId: d.getTime(),
      weight: Math.round((startLb - i * 0.1) * 10) / 10,
      bmi: 27.5,
      date: `${mm}/${dd}/23`,
      time: "07:30:00",
      source: "Aria",
    });
  }
  return JSON.stringify(records);
}

export const PROFILE_CSV =
  "id,full_name,first_name,last_name,display_name_setting,display_name,username,email_address,date_of_birth,child,country,state,city,timezone,locale,member_since,about_me,start_day_of_week,sleep_tracking,time_display_format,gender,height,weight,stride_length_walking,stride_length_running,weight_unit,distance_unit,height_unit,water_unit,glucose_unit,swim_unit\n" +
  "ABC123,Test Person,Test,Person,name,Test,null,null,1990-01-01,false,US,null,null,America/New_York,en_US,2017-01-01,null,SUNDAY,Normal,12hour,MALE,180.0,86.0,70.0,90.0,POUND,METRIC,METRIC,METRIC,METRIC,METRIC\n";

export function weightFiles(n = 5) {
  return [
    [WEIGHT_PATH, weightJson(n)],
    [PROFILE_PATH, PROFILE_CSV],
  ];
}

// Deterministic pseudo-random bytes (xorshift), so a multi-chunk file's content is checkable.
export function noiseBytes(n, seed = 1) {
  const out = new Uint8Array(n);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < n; i += 1) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 255;
  }
  return out;
}

// Byte-equality without a deep-equal walk over a million elements (slow in vitest).
export function sameBytes(a, b) {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i += 1) if (a[i] !== b[i]) return false;
  return true;
}
