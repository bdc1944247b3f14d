// prisma/migrations, replayed into a throwaway database by Prisma's own schema engine, must give
// exactly what prisma/schema.prisma describes. A model change without a migration fails here with
// the missing SQL in the message (write it with `npm run db:diff -- <name>`).
import { describe, expect, it } from "vitest";
import { diffMigrationsToSchema } from "../../scripts/prisma/schema-diff.ts";

describe("migrations", () => {
  it("prisma/migrations matches prisma/schema.prisma", async () => {
    const { inSync, sql } = await diffMigrationsToSchema();
    expect(inSync, `schema.prisma has changes that no migration creates. Missing SQL:\n${sql}`).toBe(true);
  });
});
