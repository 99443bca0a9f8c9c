// `npm run bench`: every benchmark in turn. Numbers are printed, never asserted.
import { main as analytics } from "./analytics";
import { main as scoring } from "./scoring";
import { main as web } from "./web";

async function all() {
  await analytics();
  await scoring();
  await web();
}

all().catch((e) => {
  console.error(e);
  process.exit(1);
});
