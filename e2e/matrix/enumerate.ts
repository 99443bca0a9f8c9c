// Reads the app's surface from the code itself: page routes, route handlers with their HTTP methods,
// and server actions (the exports of every "use server" file, matched to the ids of the build's
// server reference manifest). The role matrix asks for an expectation for each of them, so a route
// or action added tomorrow fails the matrix until someone writes down who may reach it.
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";

export const ROOT = path.resolve(__dirname, "..", "..");
const APP_DIR = path.join(ROOT, "app");

export const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export type PageRoute = { route: string; file: string };
export type RouteHandler = { route: string; method: HttpMethod; file: string };
export type ServerActionExport = { file: string; exportName: string };
export type BuiltAction = { id: string; file: string; exportName: string; workers: string[] };

const rel = (abs: string) => path.relative(ROOT, abs).split(path.sep).join("/");

function walk(dir: string, skip: (abs: string, name: string) => boolean, out: string[] = []): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const abs = path.join(dir, entry.name);
    if (skip(abs, entry.name)) continue;
    if (entry.isDirectory()) walk(abs, skip, out);
    else out.push(abs);
  }
  return out;
}

/**
 * "app/(app)/accounts/[id]/page.tsx" -> "/accounts/[id]": route groups and parallel-route slots add
 * no URL segment; private folders ("_components") are not routes at all (null).
 */
export function routeOf(appRelativeDir: string): string | null {
  const segments = appRelativeDir.split("/").filter(Boolean);
  if (segments.some((s) => s.startsWith("_"))) return null;
  const url = segments.filter((s) => !(s.startsWith("(") && s.endsWith(")")) && !s.startsWith("@"));
  return `/${url.join("/")}`;
}

function appFiles(basename: "page" | "route"): { route: string; file: string }[] {
  const re = new RegExp(`^${basename}\\.(tsx|ts|jsx|js|mdx)$`);
  return walk(APP_DIR, () => false)
    .filter((abs) => re.test(path.basename(abs)))
    .map((abs) => ({ route: routeOf(rel(path.dirname(abs)).replace(/^app\/?/, "")), file: rel(abs) }))
    .filter((r): r is { route: string; file: string } => r.route !== null)
    .sort((a, b) => a.route.localeCompare(b.route));
}

export function listPages(): PageRoute[] {
  return appFiles("page");
}

function parse(file: string): ts.SourceFile {
  const abs = path.join(ROOT, file);
  const kind = /\.(tsx|jsx)$/.test(file) ? ts.ScriptKind.TSX : /\.(js|mjs|cjs)$/.test(file) ? ts.ScriptKind.JS : ts.ScriptKind.TS;
  return ts.createSourceFile(abs, fs.readFileSync(abs, "utf8"), ts.ScriptTarget.Latest, true, kind);
}

const hasModifier = (node: ts.Node, kind: ts.SyntaxKind) =>
  ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === kind);

/** Names of a module's value exports ("default" for a default export). Re-exports from another module are refused. */
export function valueExports(source: ts.SourceFile): string[] {
  const names: string[] = [];
  for (const stmt of source.statements) {
    if (ts.isVariableStatement(stmt) && hasModifier(stmt, ts.SyntaxKind.ExportKeyword)) {
      for (const decl of stmt.declarationList.declarations) {
        if (ts.isIdentifier(decl.name)) names.push(decl.name.text);
        else throw new Error(`${source.fileName}: destructured exports are not enumerated; export each name on its own`);
      }
    } else if ((ts.isFunctionDeclaration(stmt) || ts.isClassDeclaration(stmt)) && hasModifier(stmt, ts.SyntaxKind.ExportKeyword)) {
      names.push(hasModifier(stmt, ts.SyntaxKind.DefaultKeyword) ? "default" : (stmt.name?.text ?? "default"));
    } else if (ts.isExportAssignment(stmt)) {
      names.push("default");
    } else if (ts.isExportDeclaration(stmt) && !stmt.isTypeOnly) {
      if (stmt.moduleSpecifier) throw new Error(`${source.fileName}: re-exports (export ... from) are not enumerated by the role matrix`);
      if (stmt.exportClause && ts.isNamedExports(stmt.exportClause)) {
        for (const el of stmt.exportClause.elements) if (!el.isTypeOnly) names.push(el.name.text);
      }
    }
  }
  return names;
}

function firstDirective(source: ts.SourceFile): string | null {
  const first = source.statements[0];
  return first && ts.isExpressionStatement(first) && ts.isStringLiteral(first.expression) ? first.expression.text : null;
}

export function listRouteHandlers(): RouteHandler[] {
  const out: RouteHandler[] = [];
  for (const { route, file } of appFiles("route")) {
    const methods = valueExports(parse(file)).filter((n): n is HttpMethod => (HTTP_METHODS as readonly string[]).includes(n));
    if (methods.length === 0) throw new Error(`${file} exports no HTTP method handler`);
    for (const method of methods) out.push({ route, method, file });
  }
  return out;
}

const SKIP_DIRS = new Set(["node_modules", "data", "bench-results", "playwright-report", "test-results", "generated"]);
const SOURCE = /\.(tsx?|jsx?|mjs|cjs)$/;

/** Every exported function of every module that starts with "use server", anywhere in the source tree. */
export function listServerActionExports(): ServerActionExport[] {
  const files = walk(ROOT, (abs, name) => name.startsWith(".") || SKIP_DIRS.has(name) || abs === path.join(ROOT, "e2e"))
    .filter((abs) => SOURCE.test(abs) && !abs.endsWith(".d.ts"))
    .map(rel);
  const out: ServerActionExport[] = [];
  for (const file of files) {
    const text = fs.readFileSync(path.join(ROOT, file), "utf8");
    if (!text.includes("use server")) continue;
    const source = parse(file);
    if (firstDirective(source) !== "use server") continue;
    for (const exportName of valueExports(source)) out.push({ file, exportName });
  }
  return out.sort((a, b) => `${a.file}#${a.exportName}`.localeCompare(`${b.file}#${b.exportName}`));
}

export function distDir(): string {
  return path.resolve(ROOT, process.env.NEXT_DIST_DIR || ".next");
}

type ManifestEntry = { workers: Record<string, unknown>; layer?: Record<string, string>; filename?: string; exportedName?: string };

/**
 * The build's server actions: id -> source file and export name, and the pages whose workers hold it.
 * Next 16 writes filename and exportedName into server/server-reference-manifest.json; when a build
 * lacks them, the name is read from the client stubs in the server chunks
 * (createServerReference("<id>", callServer, void 0, findSourceMapURL, "<exportName>")) and the file from
 * the action-entry comment Next leaves in the chunk source maps.
 */
export function listBuiltActions(): BuiltAction[] {
  const manifestPath = path.join(distDir(), "server", "server-reference-manifest.json");
  if (!fs.existsSync(manifestPath)) throw new Error(`No ${rel(manifestPath)}: build the app first (the e2e server does: scripts/e2e-server.ts)`);
  const manifest = JSON.parse(fs.readFileSync(manifestPath, "utf8")) as { node?: Record<string, ManifestEntry>; edge?: Record<string, ManifestEntry> };
  const entries = { ...(manifest.node ?? {}), ...(manifest.edge ?? {}) };
  let fallback: Map<string, { file?: string; exportName?: string }> | null = null;
  return Object.entries(entries)
    .map(([id, entry]) => {
      let file = entry.filename;
      let exportName = entry.exportedName;
      if (!file || !exportName) {
        fallback ??= namesFromChunks();
        file ??= fallback.get(id)?.file;
        exportName ??= fallback.get(id)?.exportName;
      }
      if (!file || !exportName) throw new Error(`Server action ${id} in ${rel(manifestPath)}: cannot tell its file and export name`);
      return { id, file: file.split(path.sep).join("/"), exportName, workers: Object.keys(entry.workers ?? {}).sort() };
    })
    .sort((a, b) => `${a.file}#${a.exportName}`.localeCompare(`${b.file}#${b.exportName}`));
}

export function namesFromChunks(): Map<string, { file?: string; exportName?: string }> {
  const found = new Map<string, { file?: string; exportName?: string }>();
  const files = walk(path.join(distDir(), "server"), () => false).filter((f) => /\.js(\.map)?$/.test(f));
  const stub = /createServerReference\)?\(\s*"([0-9a-f]{40,})"[^)]*?"([A-Za-z_$][\w$]*)"\s*\)/g;
  const entry = /__next_internal_action_entry_do_not_use__ (\[.*?\]) \*\//g;
  for (const f of files) {
    const text = fs.readFileSync(f, "utf8");
    for (const m of text.matchAll(stub)) found.set(m[1], { ...found.get(m[1]), exportName: m[2] });
    for (const m of text.matchAll(entry)) {
      try {
        // In a source map the comment is inside a JSON string, so its quotes are escaped once more.
        const [ids, file] = JSON.parse(m[1].replace(/\\"/g, '"')) as [Record<string, { name: string }>, string];
        for (const [id, { name }] of Object.entries(ids)) found.set(id, { file, exportName: found.get(id)?.exportName ?? name });
      } catch {
        // not the comment's JSON form; the stub pattern above may still have named it
      }
    }
  }
  return found;
}

/** A worker key of the manifest ("app/(app)/queue/call/page") as the route pattern it renders ("/queue/call"). */
export function routeOfWorker(worker: string): string | null {
  const m = /^app\/(.*)\/?(page|route)$/.exec(worker);
  if (!m) return null;
  return routeOf(m[1]);
}
