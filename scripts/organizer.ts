// `npm run organizer -- add EMAIL [--meeting SLUG --role owner|editor|viewer]`
// `npm run organizer -- list`
// Adds an organizer (who may then sign in), optionally with a role on one meeting. Without
// --meeting the organizer may create meetings.
import { parseArgs } from "node:util";
import { addOrganizer } from "../lib/auth/organizers.ts";
import { disconnectDatabase, getDatabase } from "../lib/db/client.ts";
import { ConfigError } from "../lib/env.ts";
import { normalizeEmailAddress } from "../lib/registration/schema.ts";

const usage = "usage: npm run organizer -- add EMAIL [--meeting SLUG --role owner|editor|viewer]\n       npm run organizer -- list";

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { meeting: { type: "string" }, role: { type: "string", default: "viewer" } },
  });
  const [command, address] = positionals;
  const db = getDatabase();
  if (command === "list") {
    const users = await db.user.findMany({
      include: { meetingRoles: { include: { meeting: { select: { slug: true } } } } },
      orderBy: { email: "asc" },
    });
    for (const user of users) {
      const roles = user.meetingRoles.map((role) => `${role.meeting.slug}:${role.role.toLowerCase()}`).join(", ");
      console.log(`${user.email}${user.canCreateMeetings ? " (may create meetings)" : ""}${roles ? ` — ${roles}` : ""}`);
    }
    return 0;
  }
  if (command !== "add" || !address) {
    console.error(usage);
    return 2;
  }
  const email = normalizeEmailAddress(address);
  if (!email) {
    console.error(`"${address}" is not an email address`);
    return 2;
  }
  const role = String(values.role).toUpperCase();
  if (!["OWNER", "EDITOR", "VIEWER"].includes(role)) {
    console.error(`--role must be owner, editor or viewer\n${usage}`);
    return 2;
  }
  await addOrganizer(db, {
    email,
    canCreateMeetings: !values.meeting,
    meetingSlug: values.meeting,
    role: role as "OWNER" | "EDITOR" | "VIEWER",
  });
  console.log(
    values.meeting ? `${email} is now ${role.toLowerCase()} of ${values.meeting}` : `${email} may now sign in and create meetings`,
  );
  return 0;
}

try {
  process.exitCode = await main();
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : `error: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  await disconnectDatabase();
}
