/**
 * Checks on when a stream's events arrived (PERF-023): each event carries the time its bytes arrived, in
 * ms after the request was sent (tools/http/client.ts). The suite makes no timed assertion of its own —
 * these compare the stream with itself: a precondition that the server took long enough for holding back
 * to be observable, and the judgement that the content did not arrive in one burst at the end.
 */
import type { CheckContext, CheckDefinition } from "./types.js";
import { fail, pass } from "./types.js";
import { isContentBearing } from "../../util/content-bearing.js";

interface Timing {
  /** Arrival times of the content-bearing events, in ms after the response headers arrived. */
  content: number[];
  /** Arrival time of the last event of the stream, in ms after the headers. */
  lastMs: number;
}

/**
 * Times counted from the response headers: a server that generates the whole answer before it responds
 * (headers and events together) holds nothing back that a client could tell from a slow start, so only
 * the time after the headers is judged.
 */
function timingOf(ctx: CheckContext): Timing | undefined {
  const events = ctx.response.events;
  if (!events) return undefined;
  const origin = ctx.response.headersAtMs ?? 0;
  return { content: events.filter((e) => isContentBearing(e.json)).map((e) => e.atMs - origin), lastMs: events.length > 0 ? events[events.length - 1].atMs - origin : 0 };
}

const ms = (v: number) => `${v.toFixed(1)} ms`;

export const streamLastsAtLeast: CheckDefinition = {
  name: "streamLastsAtLeast",
  description:
    "The stream took at least `ms` milliseconds from its response headers to its last event and carried at least `contentEvents` content-bearing events (a precondition: a faster stream shows nothing about when its events were written).",
  args: { type: "object", additionalProperties: false, required: ["ms", "contentEvents"], properties: { ms: { type: "number", minimum: 0 }, contentEvents: { type: "integer", minimum: 1 } } },
  run(args, ctx) {
    const t = timingOf(ctx);
    if (!t) return fail("the response is not a stream");
    const need = args.contentEvents as number;
    if (t.content.length < need) return fail(`the stream carried ${t.content.length} content-bearing events, fewer than the ${need} needed to judge`, `≥ ${need} content-bearing events`, String(t.content.length));
    if (t.lastMs < (args.ms as number)) return fail(`the stream ended ${ms(t.lastMs)} after its headers: too soon to observe whether events are held back`, `≥ ${args.ms} ms`, ms(t.lastMs));
    return pass();
  },
};

export const contentNotHeldBack: CheckDefinition = {
  name: "contentNotHeldBack",
  description:
    "The content-bearing events did not all arrive in one burst at the end: from the first to the last of them took at least `fraction` of the time from the response headers to the last of them. A stream shorter than `minMs` after its headers holds nothing back that a client could notice, and passes.",
  args: { type: "object", additionalProperties: false, required: ["fraction", "minMs"], properties: { fraction: { type: "number", exclusiveMinimum: 0, maximum: 1 }, minMs: { type: "number", minimum: 0 } } },
  run(args, ctx) {
    const t = timingOf(ctx);
    if (!t) return fail("the response is not a stream");
    if (t.content.length < 2) return fail(`the stream carried ${t.content.length} content-bearing event(s); the spread of its content cannot be seen`, "≥ 2 content-bearing events", String(t.content.length));
    const first = t.content[0];
    const last = t.content[t.content.length - 1];
    if (last < (args.minMs as number)) return pass();
    const fraction = args.fraction as number;
    if (last - first < fraction * last) {
      return fail(
        `all ${t.content.length} content-bearing events arrived within ${ms(last - first)} at the end of a stream that lasted ${ms(last)} after its headers: held back until the completion ended`,
        `spread over at least ${Math.round(fraction * 100)} % of ${ms(last)}`,
        `first at ${ms(first)}, last at ${ms(last)} after the headers`,
      );
    }
    return pass();
  },
};
