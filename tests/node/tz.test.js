// Time zones without a tz database in the core: the Worker/browser derive offset transitions
// with Intl (worker-shim/shared/tz.js), the CLI from the system's zoneinfo (wasm/cli/zoneinfo.cpp).
// Both must give the same table, or the same export would convert differently in the two.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { cachedZoneYears, formatterCount, isValidZone, offsetAt, scanTransitions, timeZoneOption, transitions, YEARS_MAX, ZONE_FROM_SEC, zoneUntilSec } from "../../worker-shim/shared/tz.js";

const cli = fileURLToPath(new URL("../../build/native/trackersync", import.meta.url));

// Zones chosen for what they exercise: both hemispheres, half- and quarter-hour offsets,
// 30-minute DST (Lord Howe), DST abolished (Sao Paulo 2019, Tehran 2022, Apia 2021), a skipped
// day (Apia 2011), permanent changes (Moscow 2011/2014), Ramadan suspensions (Casablanca),
// and zones without DST.
const ZONES = [
  "America/New_York", "America/Los_Angeles", "America/St_Johns", "America/Sao_Paulo", "Europe/London",
  "Europe/Berlin", "Europe/Moscow", "Asia/Kolkata", "Asia/Tehran", "Asia/Tokyo", "Australia/Sydney",
  "Australia/Lord_Howe", "Pacific/Chatham", "Pacific/Apia", "Africa/Casablanca", "UTC",
];
const FROM = Date.UTC(2005, 0, 1) / 1000;
const TO = Date.UTC(2026, 0, 1) / 1000;

function systemTransitions(zone, from, to) {
  const r = spawnSync(cli, ["transitions", zone, String(from), String(to)], { encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}

for (const zone of ZONES) {
  test(`1: ${zone}, 2005-2025: Intl and system zoneinfo give identical transitions`, () => {
    const intl = transitions(zone, FROM, TO);
    assert.deepEqual(intl, systemTransitions(zone, FROM, TO));
  });
}

test("1b: the weekly scan misses nothing: it equals a daily scan for every zone above", () => {
  // Both sides scan with the same step, so they would miss the same pair of changes closer
  // than a week; a daily scan shows no such pair exists in these zones and years.
  for (const zone of ZONES) {
    const daily = scanTransitions((s) => offsetAt(zone, s), FROM, TO, 86400);
    assert.deepEqual(transitions(zone, FROM, TO), daily, zone);
  }
});

test("2: known facts: New York 2023 changes at 07:00Z in March and 06:00Z in November", () => {
  const t = transitions("America/New_York", Date.UTC(2023, 0, 1) / 1000, Date.UTC(2024, 0, 1) / 1000);
  assert.deepEqual(t, [
    [Date.UTC(2023, 0, 1) / 1000, -18000],
    [Date.UTC(2023, 2, 12, 7) / 1000, -14400],
    [Date.UTC(2023, 10, 5, 6) / 1000, -18000],
  ]);
  assert.equal(offsetAt("Asia/Kolkata", 0), 19800);
  assert.equal(offsetAt("Pacific/Chatham", Date.UTC(2023, 5, 1) / 1000), 45900);
});

test("3: the scan finds the exact second of every change, and nothing in a zone without DST", () => {
  // A synthetic oracle: one change inside the first step, one a second after a step boundary,
  // one two days later (each step is a week).
  const week = 604800;
  const changes = [1000, 3 * week + 1, 3 * week + 2 * 86400];
  const fn = (s) => changes.filter((c) => s >= c).length * 3600;
  assert.deepEqual(scanTransitions(fn, 0, 5 * week), [[0, 0], [1000, 3600], [3 * week + 1, 7200], [3 * week + 2 * 86400, 10800]]);
  assert.deepEqual(transitions("Asia/Tokyo", FROM, TO), [[FROM, 32400]]);
});

test("4: unknown zones are refused on both sides", () => {
  assert.equal(isValidZone("Mars/Olympus_Mons"), false);
  assert.equal(isValidZone("Europe/Paris"), true);
  const r = spawnSync(cli, ["transitions", "Mars/Olympus_Mons", "0", "1"], { encoding: "utf8" });
  assert.equal(r.status, 7);
});

test("4b: a zone written in other letter case is the same zone on both sides (Intl ignores case; Profile.csv may say america/new_york)", () => {
  for (const [zone, same] of [["america/new_york", "America/New_York"], ["EUROPE/BERLIN", "Europe/Berlin"], ["australia/lord_howe", "Australia/Lord_Howe"], ["utc", "UTC"]]) {
    assert.equal(isValidZone(zone), true, zone);
    assert.deepEqual(systemTransitions(zone, FROM, TO), transitions(same, FROM, TO), zone);
    assert.deepEqual(transitions(zone, FROM, TO), transitions(same, FROM, TO), zone);
  }
  assert.equal(spawnSync(cli, ["transitions", "america/new_yorkk", "0", "1"], { encoding: "utf8" }).status, 7);
});

// Ranges from cached zone-years: every row is [zone, from, to, why]; each must equal a fresh
// scan of exactly that range (the table the CLI derives the same way).
const Y = (y, m = 0, d = 1, h = 0, s = 0) => Date.UTC(y, m, d, h, 0, s) / 1000;
const RANGES = [
  ["America/New_York", Y(2016, 2, 13, 6), Y(2016, 10, 6, 6), "1: starts an hour before a change, ends on one"],
  ["America/New_York", Y(2016, 2, 13, 7), Y(2016, 2, 13, 7), "2: from == to, exactly at a change (the change is not after `from`)"],
  ["Europe/London", Y(2015), Y(2016), "3: exactly one year, both ends on year starts"],
  ["Europe/London", Y(2015) - 1, Y(2015), "4: the last second of a year to the next year's first"],
  ["Australia/Lord_Howe", Y(2012, 5, 17), Y(2019, 1, 3), "5: half-hour DST, southern hemisphere, many years"],
  ["Pacific/Apia", Y(2011, 11, 1), Y(2012, 1, 1), "6: the skipped day of 2011 inside the range"],
  ["Africa/Casablanca", Y(2013), Y(2019), "7: Ramadan suspensions, four changes in some years"],
  ["Asia/Tokyo", Y(1990, 6, 1), Y(2030, 6, 1), "8: no change in forty years"],
  ["America/Sao_Paulo", Y(2018, 10, 4, 2, 59), Y(2020), "9: DST abolished inside the range"],
];

for (const [i, [zone, from, to, why]] of RANGES.entries()) {
  test(`5.${i + 1}: ${why} (${zone}) — the cached years give the range's own scan`, () => {
    assert.deepEqual(transitions(zone, from, to), scanTransitions((s) => offsetAt(zone, s), from, to));
  });
}

test("6: another export in the same zone and years derives nothing again; the cache is bounded", () => {
  const zone = "America/Chicago";
  transitions(zone, Y(2014, 4, 3), Y(2022, 7, 9));
  const held = cachedZoneYears();
  // A different person, a different range inside the same years: no new zone-year.
  const again = transitions(zone, Y(2015, 1, 1, 12), Y(2021, 11, 30));
  assert.equal(cachedZoneYears(), held);
  assert.deepEqual(again, scanTransitions((s) => offsetAt(zone, s), Y(2015, 1, 1, 12), Y(2021, 11, 30)));
  // Many zones over many years never hold more than YEARS_MAX zone-years.
  for (const other of Intl.supportedValuesOf("timeZone").slice(0, 60)) transitions(other, Y(1980), Y(2020));
  assert.ok(cachedZoneYears() <= YEARS_MAX);
});

test("6b: a zone name in another letter case derives no zone-year again (attack finding: each variant scanned Intl anew, 4-9 ms, and seventy flushed every client's years)", () => {
  transitions("America/Denver", Y(2010), Y(2020));
  const held = cachedZoneYears();
  for (const variant of ["america/denver", "AMERICA/DENVER", "aMeRiCa/DeNvEr"]) {
    assert.deepEqual(transitions(variant, Y(2010), Y(2020)), transitions("America/Denver", Y(2010), Y(2020)), variant);
  }
  assert.equal(cachedZoneYears(), held);
  // Nor another formatter: seventy variants leave the formatters as they were (review finding: each built one, and
  // they flushed the others').
  const formatters = formatterCount();
  for (let i = 0; i < 70; i++) offsetAt([..."america/denver"].map((c, k) => ((i >> (k % 7)) & 1 ? c.toUpperCase() : c)).join(""), Y(2015));
  assert.equal(formatterCount(), formatters);
});

test("6c: names Intl takes but does not list (an alias, UTC) in other letter cases derive nothing again either; a look-alike letter is no zone (review findings)", () => {
  for (const zone of ["Asia/Kolkata", "US/Eastern", "UTC"]) {
    transitions(zone, Y(2015), Y(2024));
    const held = cachedZoneYears();
    const formatters = formatterCount();
    for (const variant of [zone.toLowerCase(), zone.toUpperCase()]) assert.deepEqual(transitions(variant, Y(2015), Y(2024)), transitions(zone, Y(2015), Y(2024)), variant);
    assert.equal(cachedZoneYears(), held, zone);
    assert.equal(formatterCount(), formatters, zone);
  }
  // A Kelvin sign (U+212A) folds to "k" in toLowerCase, but Intl refuses the name.
  assert.equal(isValidZone("Asia/Bang\u212Aok"), false);
});

test("6d: a name longer than any zone's is refused by its length, before it is folded or given to Intl (attack finding: a megabyte of capitals cost the fold 250-640 ms before the 400)", () => {
  const long = "A".repeat(1_000_000);
  assert.equal(isValidZone(long), false);
  assert.throws(() => transitions(long, Y(2015), Y(2016)), /at most 64 characters/);
  assert.equal(isValidZone("America/Argentina/ComodRivadavia"), true);
});

// timeZoneOption cuts a range to 1998 .. the end of the second year after now: a report's range
// follows dated file names, which a client may declare without sending the files.
const NOW_MS = Date.UTC(2026, 11, 6);
const BOUNDS = [
  [Y(2016, 2, 1), Y(2024, 5, 1), Y(2016, 2, 1), Y(2024, 5, 1), "1: a real export's range is kept as it is"],
  [Y(1000), Y(9999, 11, 1), ZONE_FROM_SEC, Y(2029) - 1, "2: attack finding: names for the years 1000 and 9999 asked Intl for 9,000 zone-years (2 s of CPU)"],
  [Y(1995, 5, 1), Y(2001, 5, 1), ZONE_FROM_SEC, Y(2001, 5, 1), "3: the part before 1998 (FIT's first year) is cut; a record there takes 1998's first offset"],
  [Y(1999, 6, 1), Y(2001, 5, 1), Y(1999, 6, 1), Y(2001, 5, 1), "3b: helper finding: cut at 2000 first, a July 1999 weigh-in took EST on the page, EDT in the CLI"],
  [Y(2040), Y(2050), Y(2029) - 1, Y(2029) - 1, "4: wholly past the span: its last second alone"],
  [Y(1980), Y(1990), ZONE_FROM_SEC, ZONE_FROM_SEC, "5: wholly before it: its first second alone"],
];
for (const [i, [from, to, wantFrom, wantTo, why]] of BOUNDS.entries()) {
  test(`7.${i + 1}: ${why}`, () => {
    assert.equal(zoneUntilSec(NOW_MS), Y(2029) - 1);
    const held = cachedZoneYears();
    const option = timeZoneOption("Europe/Berlin", from, to, NOW_MS);
    assert.deepEqual(option, { name: "Europe/Berlin", transitions: transitions("Europe/Berlin", wantFrom, wantTo) });
    assert.ok(cachedZoneYears() - held <= 32, "at most the span's zone-years are derived");
  });
}
