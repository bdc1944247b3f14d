import path from "node:path";
import { defineConfig } from "prisma/config";

// Offline: Prisma's native schema-engine binary cannot be downloaded here. Point the CLI at a
// stand-in that runs the same engine compiled to WebAssembly (docs/decisions/0002).
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.resolve(import.meta.dirname ?? ".", "scripts/prisma/schema-engine-shim.mjs");
process.env.CHECKPOINT_DISABLE ??= "1"; // no update-check request

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: {
    url: process.env.DATABASE_URL ?? "postgresql://postgres:postgres@127.0.0.1:5439/postgres",
    shadowDatabaseUrl: process.env.SHADOW_DATABASE_URL,
  },
});
