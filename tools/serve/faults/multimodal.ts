/** Faults of multimodal content parts (spec/1.0/multimodal.md): each breaks exactly one MM clause. */
import { ApiError } from "../http/errors.js";
import { decodeBase64, parseDataUri } from "../multimodal/media.js";
import { IMAGE_MEDIA_TYPES, MAX_MEDIA_PART_BYTES, mediaTokens, readMediaPart } from "../multimodal/parts.js";
import type { FaultDefinition, ReplyContext } from "./types.js";

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const TINY_PNG = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

/** The request with every content part passed through `edit` (return undefined to drop the part). */
function editParts(body: Json, edit: (part: Json, role: unknown) => Json | undefined): Json {
  if (!Array.isArray(body.messages)) return body;
  const messages = body.messages.map((m) => {
    if (!isObject(m) || !Array.isArray(m.content)) return m;
    const content = m.content.flatMap((p) => (isObject(p) ? (edit(p, m.role) ?? []) : [p]));
    return { ...m, content };
  });
  return { ...body, messages };
}

const imageUrl = (p: Json) => (p.type === "image_url" && isObject(p.image_url) && typeof p.image_url.url === "string" ? p.image_url.url : undefined);
const onChat = (f: (body: Json) => Json) => (body: Json, ctx: ReplyContext) => (ctx.endpoint === "chat" ? f(body) : body);

export const MULTIMODAL_FAULTS: readonly FaultDefinition[] = [
  {
    clause: "MM-001",
    description: "valid WAV audio parts are refused as an unsupported format",
    transformRequest: onChat((body) =>
      editParts(body, (p) => {
        const audio = p.type === "input_audio" && isObject(p.input_audio) ? p.input_audio : undefined;
        const bytes = audio && audio.format === "wav" && typeof audio.data === "string" ? decodeBase64(audio.data) : undefined;
        if (bytes && bytes.toString("latin1", 0, 4) === "RIFF") throw new ApiError(400, "Unsupported audio format 'wav'.", "invalid_request_error", null, "unsupported_media_type");
        return p;
      }),
    ),
  },
  {
    clause: "MM-002",
    description: "prompt_tokens leaves media parts out",
    transformBody(body: unknown, ctx: ReplyContext) {
      if (ctx.endpoint !== "chat" || ctx.status !== 200 || !isObject(body) || !isObject(body.usage) || !Array.isArray(ctx.request?.messages)) return body;
      let media = 0;
      for (const m of ctx.request.messages) {
        if (!isObject(m) || !Array.isArray(m.content)) continue;
        m.content.forEach((p, i) => {
          if (isObject(p) && (p.type === "image_url" || p.type === "input_audio")) media += mediaTokens(readMediaPart(p, `content[${i}]`, String(p.type), String(m.role), false));
        });
      }
      const usage = body.usage as { prompt_tokens: number; total_tokens: number };
      return { ...body, usage: { ...usage, prompt_tokens: usage.prompt_tokens - media, total_tokens: usage.total_tokens - media } };
    },
  },
  {
    clause: "MM-003",
    description: "image parts of an unaccepted media type are dropped silently",
    transformRequest: onChat((body) =>
      editParts(body, (p) => {
        const url = imageUrl(p);
        const data = url?.startsWith("data:") ? parseDataUri(url) : undefined;
        return data && typeof data !== "string" && !IMAGE_MEDIA_TYPES[data.mediaType] ? undefined : p;
      }),
    ),
  },
  {
    clause: "MM-004",
    description: "oversize images are replaced by a 1x1 thumbnail instead of being refused",
    transformRequest: onChat((body) => editParts(body, (p) => ((imageUrl(p)?.length ?? 0) > (MAX_MEDIA_PART_BYTES / 3) * 4 ? { type: "image_url", image_url: { url: TINY_PNG } } : p))),
  },
  {
    clause: "MM-005",
    description: "image parts with a remote URL are dropped silently instead of refused",
    transformRequest: onChat((body) => editParts(body, (p) => (imageUrl(p) !== undefined && !imageUrl(p)!.startsWith("data:") ? undefined : p))),
  },
  {
    clause: "MM-007",
    description: "media parts in system, developer and assistant messages are dropped silently",
    transformRequest: onChat((body) => editParts(body, (p, role) => ((p.type === "image_url" || p.type === "input_audio") && role !== "user" ? undefined : p))),
  },
];
