// Readiness: the database answers and its schema is migrated. A load balancer stops sending
// traffic as soon as this fails, e.g. while the process drains on SIGTERM.
import { getDatabase } from "@/lib/db/client.ts";

export const dynamic = "force-dynamic";

let isShuttingDown = false;
process.once("SIGTERM", () => {
  isShuttingDown = true;
});

export async function GET() {
  if (isShuttingDown) return Response.json({ status: "shutting down" }, { status: 503, headers: { "cache-control": "no-store" } });
  try {
    const [row] = await getDatabase().$queryRaw<{ pending: bigint }[]>`
      SELECT count(*) AS pending FROM "_prisma_migrations" WHERE finished_at IS NULL AND rolled_back_at IS NULL`;
    if (Number(row?.pending ?? 0) > 0) return Response.json({ status: "migrations pending" }, { status: 503 });
    return Response.json({ status: "ready" }, { headers: { "cache-control": "no-store" } });
  } catch {
    return Response.json({ status: "database unreachable" }, { status: 503, headers: { "cache-control": "no-store" } });
  }
}
