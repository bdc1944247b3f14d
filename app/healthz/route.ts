// Liveness with a database check: 200 when PostgreSQL answers, 503 otherwise.
import { getDatabase } from "@/lib/db/client.ts";
import { databaseAnswers } from "@/lib/db/health.ts";

export const dynamic = "force-dynamic";

export async function GET() {
  return (await databaseAnswers(getDatabase()))
    ? Response.json({ status: "ok" }, { headers: { "cache-control": "no-store" } })
    : Response.json({ status: "database unreachable" }, { status: 503, headers: { "cache-control": "no-store" } });
}
