// Liveness with a database check: 200 when PostgreSQL answers, 503 otherwise.
import { getDatabase } from "@/lib/db/client.ts";

export const dynamic = "force-dynamic";

export async function GET() {
  try {
    await getDatabase().$queryRaw`SELECT 1`;
    return Response.json({ status: "ok" }, { headers: { "cache-control": "no-store" } });
  } catch {
    return Response.json({ status: "database unreachable" }, { status: 503, headers: { "cache-control": "no-store" } });
  }
}
