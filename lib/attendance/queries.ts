import "server-only";
// Read-only questions about personal join links.
import type { Database } from "@/lib/db/client.ts";
import { hashToken, isWellFormedToken } from "@/lib/security/tokens.ts";

/** What the join page needs to know about the link in its URL; null for a malformed or unknown token. */
export async function findJoinLink(db: Database, token: string) {
  if (!isWellFormedToken(token)) return null;
  return db.joinLink.findUnique({
    where: { tokenHash: hashToken(token) },
    select: {
      tokenHash: true,
      revokedAt: true,
      registration: {
        select: {
          status: true,
          erasedAt: true,
          meeting: {
            select: {
              shortName: true,
              timeZone: true,
              startsAt: true,
              endsAt: true,
              joinOpensMinutesBefore: true,
              connectionJoinUrl: true,
            },
          },
        },
      },
    },
  });
}

/** How many times a registration's join links forwarded to the meeting (for tests and, later, attendance). */
export async function countJoinLinkUses(db: Database, registrationId: string): Promise<number> {
  return db.joinLinkUse.count({ where: { joinLink: { registrationId } } });
}
