#!/usr/bin/env node
// Runs the Prisma CLI in its Rust-free mode. The CLI still checks that native engine files exist
// at start-up even though this path never executes them, so point both variables at a file that exists.
//
// prisma/schema.prisma is the one schema. The PostgreSQL client is generated from a copy that differs
// only in the datasource provider and the client's output folder (prisma/postgresql/schema.prisma,
// written here before every command, git-ignored), so the two can never drift apart.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const placeholder = path.resolve(process.argv[1]);

export const PG_SCHEMA = path.join(root, "prisma", "postgresql", "schema.prisma");

/** The PostgreSQL twin of prisma/schema.prisma. */
export function postgresSchema(source) {
  const out = source
    .replace(/(datasource db \{[^}]*provider\s*=\s*)"sqlite"/, '$1"postgresql"')
    .replace('output          = "../lib/generated/prisma"', 'output          = "../../lib/generated/prisma-pg"');
  if (!out.includes('"postgresql"') || !out.includes("prisma-pg")) throw new Error("prisma/schema.prisma: datasource or generator block not in the expected form");
  return out;
}

function writePostgresSchema() {
  const text = postgresSchema(fs.readFileSync(path.join(root, "prisma", "schema.prisma"), "utf8"));
  fs.mkdirSync(path.dirname(PG_SCHEMA), { recursive: true });
  if (!fs.existsSync(PG_SCHEMA) || fs.readFileSync(PG_SCHEMA, "utf8") !== text) fs.writeFileSync(PG_SCHEMA, text);
}

function runCli(args) {
  const env = {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? placeholder,
    PRISMA_QUERY_ENGINE_LIBRARY: process.env.PRISMA_QUERY_ENGINE_LIBRARY ?? placeholder,
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
    DATABASE_URL: process.env.DATABASE_URL ?? "file:./data/crm.db",
  };
  const cli = require.resolve("prisma/build/index.js");
  return spawnSync(process.execPath, [cli, ...args], { stdio: "inherit", env, cwd: root }).status ?? 1;
}

if (path.resolve(process.argv[1] ?? "") === fileURLToPath(import.meta.url)) {
  writePostgresSchema();
  const args = process.argv.slice(2);
  let status = runCli(args);
  // `generate` builds both clients: the app picks one by DATABASE_URL at run time.
  if (status === 0 && args[0] === "generate" && !args.includes("--schema")) status = runCli([...args, "--schema", PG_SCHEMA]);
  process.exit(status);
}
