/**
 * Live progress on stderr: on a terminal one line redrawn in place; elsewhere (CI logs) a plain line when a
 * point starts measuring, every 10 s, and when it ends — never a carriage return.
 */
import type { Progress } from "./run.js";
import { fmt, levelName } from "./format.js";

const PLAIN_EVERY_MS = 10_000;

function describe(p: Progress): string {
  const where = `[${p.point}/${p.points}] ${levelName(p.method)} ${fmt(p.level, p.level % 1 ? 2 : 0)}`;
  if (p.sent === 0 && p.elapsedMs === 0) return `${where}: warming up (${p.warmup} done)`;
  const goal = p.stop.requests !== undefined ? `${p.sent}/${p.stop.requests} requests` : `${p.sent} requests`;
  const time = p.stop.durationMs !== undefined ? `, ${fmt(p.elapsedMs / 1000, 0)}/${fmt(p.stop.durationMs / 1000, 0)} s` : "";
  const rate = p.elapsedMs > 0 ? `, ${fmt(p.tokens / (p.elapsedMs / 1000))} tok/s` : "";
  return `${where}: ${goal}${time}${p.failed ? ` (${p.failed} failed)` : ""}${rate}`;
}

export function progressReporter(stream: NodeJS.WriteStream = process.stderr) {
  let last = "";
  let lastPlainAt = 0;
  let lastPoint = 0;
  return {
    update(p: Progress) {
      const line = describe(p);
      if (stream.isTTY) {
        if (p.done) {
          stream.write(`\r\x1b[K${line} — done\n`);
          last = "";
        } else if (line !== last) {
          stream.write(`\r\x1b[K${line}`);
          last = line;
        }
        return;
      }
      const now = performance.now();
      if (p.done || p.point !== lastPoint || now - lastPlainAt >= PLAIN_EVERY_MS) {
        stream.write(`lis bench: ${line}${p.done ? " — done" : ""}\n`);
        lastPlainAt = now;
        lastPoint = p.point;
      }
    },
    end() {
      if (stream.isTTY && last) stream.write("\n");
      last = "";
    },
  };
}
