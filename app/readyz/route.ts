// Readiness: the database answers and has every migration this code was written for. A load
// balancer stops sending traffic as soon as this fails, e.g. while the process drains on SIGTERM.
import { getDatabase } from "@/lib/db/client.ts";
import { databaseHealth } from "@/lib/db/health.ts";

export const dynamic = "force-dynamic";

let isShuttingDown = false;
process.once("SIGTERM", () => {
  isShuttingDown = true;
});

const answer = (status: "ready" | "shutting down" | "migrations pending" | "database unreachable") =>
  Response.json({ status }, { status: status === "ready" ? 200 : 503, headers: { "cache-control": "no-store" } });

export async function GET() {
  if (isShuttingDown) return answer("shutting down");
  return answer(await databaseHealth(getDatabase()));
}
