// The baseline of bench/bench.mjs: a bare node:http SSE client doing what lis bench's generator does —
// keep C streams in flight, split each body into events, parse each event's JSON, stamp the arrival of
// every content-bearing event on the monotonic clock — and nothing else. Prints one JSON line.
// Usage: node bench/bare-sse-client.mjs BASE_URL CONCURRENCY REQUESTS OUTPUT_TOKENS
import { Agent, request } from "node:http";

const [baseUrl, concurrency, requests, outputTokens] = [process.argv[2], Number(process.argv[3]), Number(process.argv[4]), Number(process.argv[5])];
const agent = new Agent({ keepAlive: true });
const url = new URL(`${baseUrl}/chat/completions`);

function one(i) {
  const body = JSON.stringify({ model: "lis-tiny", messages: [{ role: "user", content: `request ${i} about a fox and a crow` }], max_completion_tokens: outputTokens, ignore_eos: true, stream: true, stream_options: { include_usage: true } });
  return new Promise((resolve, reject) => {
    const sentAt = performance.now();
    let tokens = 0;
    let firstAt;
    let buffer = "";
    const req = request(url, { method: "POST", agent, headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) } }, (res) => {
      res.setEncoding("utf8");
      res.on("data", (chunk) => {
        const at = performance.now();
        buffer += chunk;
        let end;
        while ((end = buffer.indexOf("\n\n")) !== -1) {
          const event = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (!event.startsWith("data: ") || event === "data: [DONE]") continue;
          const json = JSON.parse(event.slice(6));
          const delta = json.choices?.[0]?.delta;
          if (delta && typeof delta.content === "string" && delta.content !== "") {
            tokens++;
            firstAt ??= at;
          }
        }
      });
      res.on("end", () => resolve({ sentAt, endAt: performance.now(), tokens, ttft: firstAt - sentAt }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(body);
  });
}

let next = 0;
let tokens = 0;
let first = Infinity;
let last = 0;
const cpu = process.cpuUsage();
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (next < requests) {
      const r = await one(next++);
      tokens += r.tokens;
      first = Math.min(first, r.sentAt);
      last = Math.max(last, r.endAt);
    }
  }),
);
const used = process.cpuUsage(cpu);
agent.destroy();
console.log(JSON.stringify({ tokens, windowMs: last - first, cpuMs: (used.user + used.system) / 1000 }));
