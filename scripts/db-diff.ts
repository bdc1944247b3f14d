// `npm run db:diff`            prints the SQL that prisma/schema.prisma needs beyond prisma/migrations
// `npm run db:diff -- NAME`    writes it as prisma/migrations/<timestamp>_NAME/migration.sql
// Review the SQL before committing it: it is generated against PostgreSQL 18 (PGlite).
import fs from "node:fs/promises";
import path from "node:path";
import { diffMigrationsToSchema } from "./prisma/schema-diff.ts";

const name = process.argv[2];
const { inSync, sql } = await diffMigrationsToSchema();
if (inSync) {
  console.log("prisma/migrations already matches prisma/schema.prisma");
} else if (!name) {
  console.log(sql);
} else {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error("NAME must be lower_snake_case");
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  const dir = path.resolve("prisma/migrations", `${stamp}_${name}`);
  await fs.mkdir(dir, { recursive: true });
  await fs.writeFile(path.join(dir, "migration.sql"), sql);
  console.log(`wrote ${path.relative(process.cwd(), dir)}/migration.sql`);
}
