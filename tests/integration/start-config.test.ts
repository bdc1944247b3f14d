// `npm start` with a wrong setting stops at once with one line that names the variable.
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

function start(env: Record<string, string>) {
  const result = spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/start.ts"], {
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", PGLITE_PORT: "0", ...env } as unknown as NodeJS.ProcessEnv,
    encoding: "utf8",
    timeout: 60_000,
  });
  const errorLines = result.stderr.split("\n").filter((line) => line.trim() !== "");
  return { status: result.status, errorLines };
}

describe("npm start refuses a wrong configuration", () => {
  it.each([
    ["DATABASE_URL", { DATABASE_URL: "mysql://localhost/quorum" }],
    ["DATABASE_URL", { DATABASE_URL: "not a url" }],
    ["APP_URL", { APP_URL: "register.example.org" }],
    ["APP_URL", { APP_URL: "https://register.example.org/quorum" }],
    ["SMTP_URL", { SMTP_URL: "http://mail.example.org" }],
    ["AUTH_SECRET", { AUTH_SECRET: "short" }],
    ["ORGANIZER_EMAILS", { ORGANIZER_EMAILS: "someone, not-an-address" }],
    ["PORT", { PORT: "99999" }],
    // The dev mailbox shows sign-in links to whoever reaches the port.
    ["HOST", { HOST: "0.0.0.0" }],
    ["HOST", { HOST: "192.0.2.10", SMTP_URL: "smtp://mail.example.org:587", DEV_MAILBOX: "true" }],
  ])("a bad %s: exit 1 and one line naming it", (name, env) => {
    const { status, errorLines } = start(env);
    expect(status).toBe(1);
    expect(errorLines).toHaveLength(1);
    expect(errorLines[0]).toContain(name);
  });

  it("an unreachable database: exit 1 and one line naming DATABASE_URL", () => {
    const { status, errorLines } = start({ DATABASE_URL: "postgresql://postgres@127.0.0.1:1/nowhere" });
    expect(status).toBe(1);
    expect(errorLines, errorLines.join("\n")).toHaveLength(1);
    expect(errorLines[0]).toMatch(/^\[quorum\] DATABASE_URL: cannot use the database/);
  });
});
