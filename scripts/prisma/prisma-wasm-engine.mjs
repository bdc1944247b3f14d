// Copied from the team's offline-stack spike (shared/notes/spike-code/db/tools), see
// docs/decisions/0002-offline-migrations.md.
// Shared module: load Prisma's schema engine compiled to WebAssembly (npm package
// @prisma/schema-engine-wasm, no binary download) and wire it to Postgres through a
// migration-aware Prisma driver adapter built on @prisma/adapter-pg.
// Pin: @prisma/schema-engine-wasm must be the version your prisma CLI's @prisma/migrate uses
// (7.10.0-4.0edf323efd1d98336f3f0a68684b56f689b900d3 for prisma 7.10.x).
import fs from "node:fs/promises";
import path from "node:path";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { randomUUID } from "node:crypto";
import pg from "pg";
import { parse as parseConn } from "pg-connection-string";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory, ColumnTypeEnum } from "@prisma/driver-adapter-utils";

const require = createRequire(import.meta.url);

// The wasm engine reports Rust panics through this global (the prisma CLI installs the same thing)
globalThis.PRISMA_WASM_PANIC_REGISTRY ??= { message: "", get() { return this.message; },
  set_message(m) { this.message = `RuntimeError: ${m}`; } };

let SchemaEngineClass;
export async function loadSchemaEngineClass() {
  if (SchemaEngineClass) return SchemaEngineClass;
  // same steps as @prisma/internals' wasmSchemaEngineLoader
  const pkgDir = process.env.SCHEMA_ENGINE_WASM_DIR // (only to try other engine builds)
    ?? path.dirname(require.resolve("@prisma/schema-engine-wasm/schema_engine_bg"));
  const runtime = await import(pathToFileURL(path.join(pkgDir, "schema_engine_bg.js")).href);
  const mod = new WebAssembly.Module(await fs.readFile(path.join(pkgDir, "schema_engine_bg.wasm")));
  // The engine arms a 10 s setTimeout that engine.free() doesn't clear, which keeps short-lived
  // processes (tests, scripts) alive for 10 s after they are done: hand it unref'd timers.
  const imports = { ...runtime };
  for (const k of Object.keys(runtime).filter((k) => k.startsWith("__wbg_setTimeout_")))
    imports[k] = (...a) => { const t = runtime[k](...a); t?.unref?.(); return t; };
  const instance = new WebAssembly.Instance(mod, { "./schema_engine_bg.js": imports });
  runtime.__wbg_set_wasm(instance.exports);
  instance.exports.__wbindgen_start();
  return (SchemaEngineClass = runtime.SchemaEngine);
}

// adapter-pg 7.10 can't map Postgres' internal "char" type (OID 18) to a Prisma column type, but
// the engine's catalog queries (pg_class.relkind, pg_constraint.contype...) return such columns
// -> "Column type 'char' could not be deserialized from the database". Let adapter-pg see them as
// TEXT (OID 25) and then report them to the engine as ColumnTypeEnum.Character, which is what
// its describer reads them as (row.get_char).
function patchCharColumns(q) {
  const io = q.performIO.bind(q);
  let charCols = [];
  q.performIO = async (query) => {
    const r = await io(query);
    charCols = [];
    (r?.fields ?? []).forEach((f, i) => { if (f.dataTypeID === 18) { f.dataTypeID = 25; charCols.push(i); } });
    return r;
  };
  const queryRaw = q.queryRaw.bind(q);
  q.queryRaw = async (query) => {
    const r = await queryRaw(query);
    for (const i of charCols) r.columnTypes[i] = ColumnTypeEnum.Character;
    return r;
  };
  const start = q.startTransaction?.bind(q);
  if (start) q.startTransaction = async (...a) => patchCharColumns(await start(...a));
  return q;
}

export function pgConfig(url) {
  const c = parseConn(url);
  return { host: c.host ?? "127.0.0.1", port: Number(c.port ?? 5432), user: c.user,
    password: c.password, database: c.database ?? undefined };
}

export async function adminQuery(cfg, sql) {
  const client = new pg.Client(cfg);
  await client.connect();
  try { return await client.query(sql); } finally { await client.end(); }
}

/**
 * Migration-aware driver adapter factory. PrismaPg.connectToShadowDb() is not used as-is because
 * (a) with { connectionString } pg ignores the `database` override, so the "shadow" DB would
 *     silently be the main DB (which the engine then resets!), and
 * (b) its dispose() runs DROP DATABASE before closing its own pool -> "database ... is being
 *     accessed by other users" and a leaked prisma_migrate_shadow_db_* database.
 */
export function migrationAwarePg(url, shadowUrl, opened = []) {
  const cfg = pgConfig(url);
  const track = (a) => { opened.push(a); return a; };
  return {
    provider: "postgres",
    adapterName: "@prisma/adapter-pg",
    // engine.free() does not dispose the adapter: track it so close() can, and let an idle pool
    // not keep the process alive (allowExitOnIdle)
    connect: async () => track(patchCharColumns(await new PrismaPg({ ...cfg, allowExitOnIdle: true }).connect())),
    async connectToShadowDb() {
      if (shadowUrl) {
        // Explicit shadow DB (e.g. a second, in-memory PGlite server: PGlite ignores the database
        // name in the startup packet, so CREATE DATABASE + connect would hit the MAIN database).
        // The wasm engine does not reset an external Postgres shadow DB itself, so do it here.
        await adminQuery(pgConfig(shadowUrl), "DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;");
        return patchCharColumns(await new PrismaPg({ ...pgConfig(shadowUrl), allowExitOnIdle: true }).connect());
      }
      const { rows: [{ v }] } = await adminQuery(cfg, "SELECT version() AS v");
      if (/PGlite/.test(v)) // would replay the migrations into the main database
        throw new Error("This database is PGlite, which ignores the database name: a shadow database cannot be created on it. Set SHADOW_DATABASE_URL (prisma.config.ts datasource.shadowDatabaseUrl) to a separate, throwaway PGlite server.");
      const name = `prisma_shadow_${randomUUID().replaceAll("-", "")}`;
      await adminQuery(cfg, `CREATE DATABASE "${name}"`);
      const adapter = patchCharColumns(await new PrismaPg({ ...cfg, database: name, allowExitOnIdle: true }).connect());
      const dispose = adapter.dispose.bind(adapter);
      adapter.dispose = async () => {
        await dispose();
        await adminQuery(cfg, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      };
      return adapter;
    },
  };
}

/**
 * @param {{ url: string, shadowUrl?: string, schemaFiles?: {path: string, content: string}[],
 *           log?: (line: string) => void }} opts
 */
export async function openEngine({ url, shadowUrl, schemaFiles, log = () => {} }) {
  const SchemaEngine = await loadSchemaEngineClass();
  const opened = [];
  const adapter = bindMigrationAwareSqlAdapterFactory(migrationAwarePg(url, shadowUrl, opened));
  // NB: an empty datamodels array makes the engine panic ("validate_multi_file() must be called
  // with at least one file"); pass undefined instead.
  const datamodels = schemaFiles?.length ? schemaFiles.map((f) => [f.path, f.content]) : undefined;
  const engine = await SchemaEngine.new({ datamodels }, log, adapter);
  // engine.free() releases the wasm object but not the DB connections it opened
  engine.close = async () => { engine.free(); await Promise.all(opened.map((a) => a.dispose())); };
  // JS errors thrown inside the adapter reach the caller only as "External error id#N"
  engine.explainError = (e) => String(e?.message ?? e).replace(/External error id#(\d+)/g,
    (m, id) => adapter.errorRegistry.consumeError(Number(id))?.error?.message ?? m);
  return engine;
}

/** Same shape as @prisma/migrate's listMigrations() */
export async function listMigrations(dir, shadowDbInitScript = "") {
  const lockfile = { path: "migration_lock.toml",
    content: await fs.readFile(path.join(dir, "migration_lock.toml"), "utf8").catch(() => null) };
  const entries = await fs.readdir(dir, { withFileTypes: true }).catch(() => []);
  const migrationDirectories = [];
  for (const e of entries.filter((e) => e.isDirectory())) {
    const content = await fs.readFile(path.join(dir, e.name, "migration.sql"), "utf8")
      .then((value) => ({ tag: "ok", value }), (err) => ({ tag: "error", value: String(err.message) }));
    migrationDirectories.push({ path: e.name, migrationFile: { path: "migration.sql", content } });
  }
  migrationDirectories.sort((a, b) => a.path.localeCompare(b.path));
  return { baseDir: dir, lockfile, migrationDirectories, shadowDbInitScript };
}
