// `npm run bench`: every benchmark in turn. Numbers are printed, never asserted.
import { main as adminCatalog } from "./admin-catalog";
import { main as analytics } from "./analytics";
import { main as dashboard } from "./dashboard";
import { main as importBench } from "./import";
import { main as scoring } from "./scoring";
import { main as web } from "./web";

async function all() {
  await analytics();
  await scoring();
  await importBench();
  await web();
  // On the data set the web benchmark has just seeded and scored.
  await adminCatalog();
  await dashboard();
}

all().catch((e) => {
  console.error(e);
  process.exit(1);
});
