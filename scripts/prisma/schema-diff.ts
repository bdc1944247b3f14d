// Diff prisma/migrations against prisma/schema.prisma with Prisma's own schema engine (wasm build),
// replaying the migrations into a throwaway in-memory PGlite server. Used by the drift test and by
// `npm run db:diff` to write a new migration. Needs no database server and no native binary.
import fs from "node:fs/promises";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
// @ts-expect-error plain ESM helper without type declarations
import { listMigrations, openEngine } from "./prisma-wasm-engine.mjs";

export type SchemaDiff = { inSync: boolean; sql: string };

export async function diffMigrationsToSchema(root = process.cwd()): Promise<SchemaDiff> {
  const shadow = await PGlite.create({ dataDir: "memory://", extensions: { pg_trgm } });
  const server = new PGLiteSocketServer({ db: shadow, host: "127.0.0.1", port: 0, maxConnections: 10 });
  await server.start();
  const url = `postgresql://postgres:postgres@${server.getServerConn()}/postgres`;
  const schemaPath = path.resolve(root, "prisma/schema.prisma");
  const files = [{ path: schemaPath, content: await fs.readFile(schemaPath, "utf8") }];
  const engine = await openEngine({ url, shadowUrl: url, schemaFiles: files });
  try {
    const result = await engine.diff({
      from: { tag: "migrations", ...(await listMigrations(path.resolve(root, "prisma/migrations"))) },
      to: { tag: "schemaDatamodel", files },
      script: true,
      exitCode: true,
      filters: { externalTables: [], externalEnums: [] },
    });
    return { inSync: result.exitCode === 0, sql: result.stdout as string };
  } catch (error) {
    throw new Error(engine.explainError(error));
  } finally {
    await engine.close();
    await server.stop();
    await shadow.close();
  }
}
