/** Analytics command line: `npm run --silent analytics -- <command> [options]` (see docs/analytics.md). */
import { runCli } from "@/lib/analytics/cli";

async function main() {
  // A closed pipe (e.g. `| head`) is not an error of the tool.
  process.stdout.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code !== "EPIPE") throw e;
  });
  const res = await runCli(process.argv.slice(2));
  if (res.stderr) process.stderr.write(res.stderr);
  if (res.stdout) await new Promise<void>((resolve) => process.stdout.write(res.stdout, () => resolve()));
  process.exitCode = res.exitCode;
}

main();
