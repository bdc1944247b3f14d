// Structured, one-line log events. Values are JSON-encoded, so text typed by visitors cannot forge
// a log line; never pass tokens, passwords or email bodies.
export function logEvent(event: string, fields: Record<string, string | number | boolean | null | undefined> = {}): void {
  console.log(JSON.stringify({ time: new Date().toISOString(), event, ...fields }));
}
