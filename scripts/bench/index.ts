// `npm run bench`: every benchmark in turn. Numbers are printed, never asserted.
import { main as web } from "./web";

async function all() {
  await web();
}

all().catch((e) => {
  console.error(e);
  process.exit(1);
});
