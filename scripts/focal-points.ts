// `npm run focal-points -- import FILE.csv [--dry-run]`   import a list (columns: email,name,member_state,organization,role[,language])
// `npm run focal-points -- list`                          print the list
// The same rules as the console's import (lib/focal-points/service.ts): the list is read whole or
// not at all (every bad line is printed with its number), nobody is removed, and every change is
// in the audit log as made by the command line. --dry-run prints what would change and writes nothing.
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { disconnectDatabase, getDatabase } from "../lib/db/client.ts";
import { ConfigError } from "../lib/env.ts";
import { MAX_IMPORT_BYTES } from "../lib/focal-points/import.ts";
import { listFocalPoints } from "../lib/focal-points/queries.ts";
import { applyFocalPointImport, type ImportPreview, previewFocalPointImport } from "../lib/focal-points/service.ts";
import { getTranslator } from "../lib/i18n/messages.ts";

const usage = ["usage: npm run focal-points -- import FILE.csv [--dry-run]", "       npm run focal-points -- list"].join("\n");
const t = getTranslator("en", "admin");

function report(result: ImportPreview, dryRun: boolean): number {
  if (!result.ok) {
    console.error("Nothing imported. Correct these lines and run the command again:");
    for (const error of result.errors) {
      const message = t(`focalPoints.importErrors.${error.code}`, { value: error.value ?? "" });
      console.error(error.line > 0 ? `  line ${error.line}: ${message}` : `  ${message}`);
    }
    return 1;
  }
  for (const change of result.changes) {
    const scope = "memberState" in change.entry.scope ? change.entry.scope.memberState : change.entry.scope.organization;
    console.log(`line ${change.line}: ${change.change.padEnd(9)} ${change.entry.email} (${scope}, ${change.entry.role.toLowerCase()})`);
  }
  const count = (kind: string) => result.changes.filter((change) => change.change === kind).length;
  console.log(
    `${dryRun ? "Would add" : "Added"} ${count("add")}, ${dryRun ? "change" : "changed"} ${count("update")}; ${count("unchanged")} unchanged.`,
  );
  return 0;
}

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { "dry-run": { type: "boolean", default: false } } });
  const [command, file] = positionals;
  const db = getDatabase();
  if (command === "list") {
    for (const point of await listFocalPoints(db)) {
      const meetings = point.allMeetings ? "all meetings" : point.meetings.map((link) => link.meeting.shortName).join(", ");
      console.log(
        `${point.memberState ?? point.organization}\t${point.role.toLowerCase()}\t${point.email}\t${point.name}\t${point.locale}\t${meetings}`,
      );
    }
    return 0;
  }
  if (command !== "import" || !file) {
    console.error(usage);
    return 2;
  }
  const bytes = await readFile(file);
  if (bytes.byteLength > MAX_IMPORT_BYTES) {
    console.error(t("focalPoints.importErrors.too-large"));
    return 1;
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    console.error(t("focalPoints.errors.import-encoding"));
    return 1;
  }
  const dryRun = values["dry-run"] ?? false;
  if (dryRun) return report(await previewFocalPointImport(db, text), true);
  const result = await applyFocalPointImport(db, { text, actor: { kind: "command-line" }, now: new Date() });
  // Without an uploaded import's id there is nothing to have been applied already.
  if (!result.ok && "reason" in result) throw new Error(result.reason);
  return report(result, false);
}

try {
  process.exitCode = await main();
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : `error: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  await disconnectDatabase();
}
