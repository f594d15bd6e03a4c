// Runs every attack in this folder against a running ./scripts/dev, each from its own network,
// and prints the table: what was tried, the command, and the answer it gets now.
//   PORT=8817 ./scripts/dev &   then   PORT=8817 node scripts/attacks/run.mjs
import { BASE, networkFor } from "./lib.mjs";

const NAMES = ["rotate-headers", "leave-block", "rotate-cookies", "swap-cookies", "parallel-burst", "block-neighbour", "cross-site", "blocked-usage", "amplification", "paths", "deployment"];

console.log(`attacks against ${BASE}\n`);
console.log("| attack | command | answer now |");
console.log("|---|---|---|");
let n = 10;
for (const name of NAMES) {
  const { attack } = await import(`./${name}.mjs`);
  n += 1;
  let answer;
  try {
    answer = await attack.run(networkFor(n));
  } catch (err) {
    answer = `FAILED: ${err.message}`;
  }
  console.log(`| ${attack.title} | \`node scripts/attacks/${name}.mjs\` | ${answer.replace(/\|/g, "\\|")} |`);
}
