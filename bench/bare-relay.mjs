// The floor for bench/adapt.mjs: the least a Node.js proxy can do per request. It reads the client's JSON
// body, sends it to the upstream through undici's pool (as lis adapt does), reads the answer and writes it
// back parsed and serialised again; streams are piped through as they arrive. No checks, no repairs, no
// LIS errors: a relay that no one should deploy, set beside lis adapt so that the ratio shows how much of
// the gap is lis adapt's own work and how much is being a second HTTP hop on the same machine.
//   node bench/bare-relay.mjs <upstream base URL> [port]    (prints "listening on http://…/v1")
import { createServer } from "node:http";
import { Pool } from "undici";

const [upstream, port = "0"] = process.argv.slice(2);
const base = new URL(upstream);
const pool = new Pool(base.origin, { headersTimeout: 0, bodyTimeout: 0 });

const server = createServer((req, res) => {
  const chunks = [];
  req.on("data", (c) => chunks.push(c));
  req.on("end", () => {
    const text = Buffer.concat(chunks).toString();
    const body = text === "" ? undefined : JSON.stringify(JSON.parse(text));
    const parts = [];
    let streaming = false;
    pool.dispatch(
      { method: req.method, path: base.pathname.replace(/\/v1$/, "") + req.url, headers: { "content-type": "application/json" }, body },
      {
        onRequestStart() {},
        onResponseStart(_c, status, headers) {
          streaming = String(headers["content-type"] ?? "").startsWith("text/event-stream");
          if (streaming) res.writeHead(status, { "content-type": "text/event-stream" });
          else res.statusCode = status;
        },
        onResponseData(_c, chunk) {
          if (streaming) res.write(chunk);
          else parts.push(chunk);
        },
        onResponseEnd() {
          if (streaming) return void res.end();
          const out = JSON.stringify(JSON.parse(Buffer.concat(parts).toString()));
          res.writeHead(res.statusCode, { "content-type": "application/json", "content-length": Buffer.byteLength(out) }).end(out);
        },
        onResponseError(_c, err) {
          res.destroy(err);
        },
      },
    );
  });
});
server.listen(Number(port), "127.0.0.1", () => console.log(`listening on http://127.0.0.1:${server.address().port}/v1`));
process.on("SIGTERM", () => process.exit(0));
