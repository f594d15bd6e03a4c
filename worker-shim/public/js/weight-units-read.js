// Which weigh-ins the weight-unit field reads, said under the chart. Weigh-ins weight.csv holds
// are in grams whatever the field says; the unit reads only the numbers the weight logs alone
// hold (review finding: an export with weight.csv alone was told to change a unit that changes
// nothing; helper finding: "1,559 weigh-ins … read as kilograms", where kilograms changed the
// 30 only the weight logs held). Pure: tests/node/web-weight-units-read.test.js.

// unit: "kg" | "lb" (the unit in effect); weighIns: ts_weight_preview's counts
// {matched, jsonOnly, csvOnly, …} → the words after the summary's range.
export function unitsReadText(unit, weighIns = {}) {
  const name = unit === "kg" ? "kilograms" : "pounds";
  const inCsv = (weighIns.matched ?? 0) + (weighIns.csvOnly ?? 0);
  const count = (n) => n.toLocaleString("en-US");
  if (inCsv === 0) return `read as ${name} — if the line looks wrong by a factor of 2.2, change the unit above.`;
  if (!weighIns.jsonOnly) return "all from weight.csv, in grams as it states: the unit above changes none of them.";
  return `the ${count(weighIns.jsonOnly)} only the weight logs hold read as ${name}, the ${count(inCsv)} weight.csv holds in grams as it states.`;
}
