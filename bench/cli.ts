// npm run bench -- browse --works N [--seed S] [--budget SECONDS]
// npm run bench -- corpus --works N [--seed S]     (generate or check the corpora only)
import { parseArgs } from "node:util";
import { browse } from "./browse";
import { benchServer } from "./postgres";
import { Progress } from "./progress";
import { bothCorpora, sqliteCorpus } from "./targets";

const [command, ...rest] = process.argv.slice(2);
const { values } = parseArgs({
  args: rest,
  options: {
    works: { type: "string", default: "100000" },
    seed: { type: "string", default: "1" },
    budget: { type: "string", default: "10" },
    only: { type: "string" },
    "pg-variant": { type: "string", default: "arrays" },
  },
});
const works = Number(values.works);
const seed = Number(values.seed);
if (!Number.isInteger(works) || works < 100 || !Number.isInteger(seed)) {
  console.error("--works must be a whole number of at least 100, --seed a whole number");
  process.exit(2);
}

if (command === "browse") {
  const pgVariant = values["pg-variant"] === "rows" ? "rows" : "arrays";
  await browse({ works, seed, budgetSeconds: Number(values.budget), pgVariant });
} else if (command === "corpus" && values.only === "sqlite") {
  await (await sqliteCorpus({ works, seed }, new Progress())).close();
} else if (command === "corpus") {
  const server = benchServer();
  try {
    await (await bothCorpora(server.url, { works, seed })).close();
  } finally {
    server.stop();
  }
} else {
  console.error("usage: npm run bench -- browse|corpus --works N [--seed S] [--budget SECONDS]");
  process.exit(2);
}
