import { firstChunkOnly, type Obj, type RepairRule } from "../rule.js";

const DAY = 86_400;

/** `created` in Unix seconds (CHAT-031, STREAM-007): milliseconds are divided, a missing or impossible value becomes now. */
export const createdSeconds: RepairRule = {
  keyword: "created-seconds",
  description: "make created an integer Unix time in seconds",
  completion(c, _args, x) {
    fix(c, x.now());
  },
  // In a stream only the first chunk needs it: stream-identity gives every chunk the first one's.
  stream: (_args, x) => firstChunkOnly((c) => fix(c, x.now())),
};

function fix(o: Obj, now: number): void {
  const v = o.created;
  if (typeof v === "number" && Number.isInteger(v) && v >= 0 && v <= now + DAY) return;
  // Milliseconds (a JavaScript server's Date.now()) are the common mistake; anything else is replaced.
  if (typeof v === "number" && Number.isFinite(v) && v > (now + DAY) * 10 && Math.floor(v / 1000) <= now + DAY) o.created = Math.floor(v / 1000);
  else o.created = now;
}
