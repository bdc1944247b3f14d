// `npm run organizer -- add EMAIL [--meeting SLUG --role owner|editor|viewer]`
// `npm run organizer -- remove EMAIL [--meeting SLUG]`
// `npm run organizer -- list`
// Adds an organizer (who may then sign in), optionally with a role on one meeting; without
// --meeting the organizer may create meetings. `remove` takes away every role, the right to create
// meetings and the sessions (signed out at once); with --meeting, only the role on that meeting.
// A meeting's last owner is never removed or demoted. Role changes are in the meeting's audit log
// as made by the command line (lib/organizers/service.ts, the same rules as the console).
import { parseArgs } from "node:util";
import { addOrganizer } from "../lib/auth/organizers.ts";
import { disconnectDatabase, getDatabase } from "../lib/db/client.ts";
import { ConfigError } from "../lib/env.ts";
import { grantMeetingRole, type RoleChangeActor, removeMeetingRole, removeOrganizer } from "../lib/organizers/service.ts";
import { normalizeEmailAddress } from "../lib/forms/email-address.ts";

const usage = [
  "usage: npm run organizer -- add EMAIL [--meeting SLUG --role owner|editor|viewer]",
  "       npm run organizer -- remove EMAIL [--meeting SLUG]",
  "       npm run organizer -- list",
].join("\n");

const actor: RoleChangeActor = { kind: "command-line" };

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
  if ((command !== "add" && command !== "remove") || !address) {
    console.error(usage);
    return 2;
  }
  const email = normalizeEmailAddress(address);
  if (!email) {
    console.error(`"${address}" is not an email address`);
    return 2;
  }
  const meeting = values.meeting ? await db.meeting.findUnique({ where: { slug: values.meeting }, select: { id: true } }) : null;
  if (values.meeting && !meeting) {
    console.error(`No meeting with slug "${values.meeting}"`);
    return 1;
  }

  if (command === "remove") {
    if (meeting && values.meeting) {
      const user = await db.user.findUnique({ where: { email }, select: { id: true } });
      const result = user ? await removeMeetingRole(db, { meetingId: meeting.id, userId: user.id, actor }) : null;
      if (!result || (!result.ok && result.reason === "not-found")) {
        console.error(`${email} has no role on ${values.meeting}`);
        return 1;
      }
      if (!result.ok) {
        console.error(`${email} is the last owner of ${values.meeting}: make someone else owner first`);
        return 1;
      }
      console.log(
        `${email} no longer has a role on ${values.meeting}${result.sessionsEnded ? ` (no role left: ${result.sessionsEnded} session(s) ended)` : ""}`,
      );
      return 0;
    }
    const result = await removeOrganizer(db, { email, actor });
    if (!result.ok) {
      console.error(
        result.reason === "not-found"
          ? `${email} is not an organizer`
          : `${email} is the last owner of ${result.meetings.join(", ")}: make someone else owner first`,
      );
      return 1;
    }
    console.log(
      `${email} removed: ${result.meetings.length ? `roles on ${result.meetings.join(", ")} taken away, ` : ""}may no longer create meetings, ${result.sessionsEnded} session(s) ended`,
    );
    return 0;
  }

  const role = String(values.role).toUpperCase();
  if (role !== "OWNER" && role !== "EDITOR" && role !== "VIEWER") {
    console.error(`--role must be owner, editor or viewer\n${usage}`);
    return 2;
  }
  if (meeting && values.meeting) {
    const result = await grantMeetingRole(db, { meetingId: meeting.id, email, role, actor });
    if (!result.ok) {
      console.error(`${email} is the last owner of ${values.meeting}: make someone else owner first`);
      return 1;
    }
    console.log(`${email} is now ${role.toLowerCase()} of ${values.meeting}`);
    return 0;
  }
  await addOrganizer(db, { email, canCreateMeetings: true });
  console.log(`${email} may now sign in and create meetings`);
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
