/**
 * A failing request as a curl command, to reproduce it by hand. Built from the evidence text, which is
 * already redacted: the API key becomes `$LIS_API_KEY` (set it, and the command works), other redacted
 * values stay `[REDACTED]`. Pure.
 */
import { REDACTED } from "../../http/redact.js";

/** Headers the HTTP client sets by itself; curl sets its own. */
const CLIENT_HEADERS = new Set(["user-agent", "accept", "accept-encoding", "content-length", "connection", "host"]);
const quote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

/** `request`: "METHOD URL", header lines, a blank line, the body (as runner.ts writes evidence). */
export function curlCommand(request: string): { command: string; bodyClipped: boolean } {
  const [head, ...rest] = request.split("\n\n");
  const [first, ...headerLines] = head.split("\n");
  const [method, url] = first.split(" ", 2);
  const body = rest.join("\n\n");
  const bodyClipped = /… \(\d+ characters\)$/.test(body) || /^\(\d+ bytes: /.test(body);
  const parts = ["curl", "-sS"];
  if (method !== "GET" || body) parts.push("-X", method);
  parts.push(quote(url ?? ""));
  for (const line of headerLines) {
    const at = line.indexOf(": ");
    if (at === -1) continue;
    const name = line.slice(0, at);
    const value = line.slice(at + 2);
    if (CLIENT_HEADERS.has(name.toLowerCase())) continue;
    if (name.toLowerCase() === "authorization" && value.endsWith(REDACTED)) parts.push("-H", `"${name}: ${value.slice(0, -REDACTED.length)}$LIS_API_KEY"`);
    else parts.push("-H", quote(`${name}: ${value}`));
  }
  if (body) parts.push("--data-raw", quote(body));
  return { command: parts.join(" "), bodyClipped };
}
