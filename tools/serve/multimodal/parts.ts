/**
 * The multimodal profile's content parts (spec/1.0/multimodal.md): `image_url` and `input_audio` parts of
 * user messages, checked and read into what the reference model reacts to (an image's pixel size, a WAV
 * clip's duration). Errors are the MM clauses' 400s, each naming the offending member's field path.
 */
import { ApiError } from "../http/errors.js";
import { decodeBase64, imageInfo, parseDataUri, wavInfo, type ImageInfo, type WavInfo } from "./media.js";

/** The largest image or audio part the reference server accepts, decoded bytes (MM-004). */
export const MAX_MEDIA_PART_BYTES = 2 * 1024 * 1024;
export const IMAGE_MEDIA_TYPES: Record<string, ImageInfo["format"]> = { "image/png": "png", "image/jpeg": "jpeg", "image/gif": "gif" };
export const AUDIO_FORMATS = ["wav"] as const;
export const MEDIA_PART_TYPES = new Set(["image_url", "input_audio"]);

export type MediaPart = ({ kind: "image" } & ImageInfo) | ({ kind: "audio" } & WavInfo);

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const bad = (message: string, param: string, code: string, status = 400) => new ApiError(status, message, "invalid_request_error", param, code);

function member(o: Obj, key: string, at: string): unknown {
  const v = o[key];
  if (v === undefined || v === null) throw bad(`Missing required parameter: '${at}.${key}'.`, `${at}.${key}`, "missing_required_parameter");
  return v;
}

function stringMember(o: Obj, key: string, at: string): string {
  const v = member(o, key, at);
  if (typeof v !== "string") throw bad(`Invalid type for '${at}.${key}': expected a string.`, `${at}.${key}`, "invalid_type");
  return v;
}

function onlyKnown(o: Obj, known: string[], at: string): void {
  const extra = Object.keys(o).find((k) => !known.includes(k));
  if (extra !== undefined) throw bad(`Unrecognized request argument supplied: '${at}.${extra}'.`, `${at}.${extra}`, "unknown_parameter");
}

function tooLarge(bytes: number, param: string): never {
  const message = `The media part at '${param}' has ${bytes} bytes; this server accepts at most ${MAX_MEDIA_PART_BYTES} per part. Send a smaller image or clip.`;
  throw new ApiError(400, message, "invalid_request_error", param, "too_large", {}, "media-too-large");
}

/** Reads one media part `p` at field path `at` of a message with `role`; throws the MM clauses' errors. */
export function readMediaPart(p: Obj, at: string, type: string, role: string, strict = true): MediaPart {
  if (role !== "user") throw bad(`Media parts are allowed in user messages only; '${at}.type' is '${type}' in a ${role} message.`, `${at}.type`, "invalid_value");
  if (type === "image_url") {
    if (strict) onlyKnown(p, ["type", "image_url"], at);
    const img = member(p, "image_url", at);
    if (!isObject(img)) throw bad(`Invalid type for '${at}.image_url': expected an object.`, `${at}.image_url`, "invalid_type");
    if (strict) onlyKnown(img, ["url", "detail"], `${at}.image_url`);
    if (img.detail != null && !["auto", "low", "high"].includes(img.detail as string)) throw bad(`Invalid value for '${at}.image_url.detail': expected 'auto', 'low' or 'high'.`, `${at}.image_url.detail`, "invalid_value");
    const param = `${at}.image_url.url`;
    const url = stringMember(img, "url", `${at}.image_url`);
    if (!url.startsWith("data:")) throw bad(`'${param}' is not a data URI: this server does not fetch remote URLs (no network access). Send the image as data:image/png;base64,...`, param, "unsupported_url");
    // Bound the work before decoding: base64 is 4 characters per 3 bytes.
    if (url.length > (MAX_MEDIA_PART_BYTES / 3) * 4 + 256) tooLarge(Math.floor((url.length * 3) / 4), param);
    const data = parseDataUri(url);
    if (typeof data === "string") throw bad(`Invalid value for '${param}': ${data}.`, param, "invalid_value");
    const format = IMAGE_MEDIA_TYPES[data.mediaType];
    if (!format) throw bad(`Unsupported image media type '${data.mediaType.slice(0, 60)}' at '${param}'; accepted: ${Object.keys(IMAGE_MEDIA_TYPES).join(", ")}.`, param, "unsupported_media_type");
    if (data.bytes.length > MAX_MEDIA_PART_BYTES) tooLarge(data.bytes.length, param);
    const info = imageInfo(data.bytes);
    if (typeof info === "string" || info.format !== format) throw bad(`Invalid value for '${param}': the data is not a ${format.toUpperCase()} image (${typeof info === "string" ? info : `it is ${info.format}`}).`, param, "invalid_value");
    return { kind: "image", ...info };
  }
  if (strict) onlyKnown(p, ["type", "input_audio"], at);
  const audio = member(p, "input_audio", at);
  if (!isObject(audio)) throw bad(`Invalid type for '${at}.input_audio': expected an object.`, `${at}.input_audio`, "invalid_type");
  if (strict) onlyKnown(audio, ["data", "format"], `${at}.input_audio`);
  const formatParam = `${at}.input_audio.format`;
  const format = stringMember(audio, "format", `${at}.input_audio`);
  if (!(AUDIO_FORMATS as readonly string[]).includes(format)) throw bad(`Unsupported audio format '${format.slice(0, 40)}' at '${formatParam}'; accepted: ${AUDIO_FORMATS.join(", ")}.`, formatParam, "unsupported_media_type");
  const dataParam = `${at}.input_audio.data`;
  const text = stringMember(audio, "data", `${at}.input_audio`);
  if (text.length > (MAX_MEDIA_PART_BYTES / 3) * 4 + 4) tooLarge(Math.floor((text.length * 3) / 4), dataParam);
  const bytes = decodeBase64(text);
  if (!bytes) throw bad(`Invalid value for '${dataParam}': not base64 (RFC 4648, standard alphabet, padded).`, dataParam, "invalid_value");
  const info = wavInfo(bytes);
  if (typeof info === "string") throw bad(`Invalid value for '${dataParam}': ${info}.`, dataParam, "invalid_value");
  return { kind: "audio", ...info };
}

/** Prompt tokens of a media part: one per 28×28 patch (images) or per 40 ms (audio), plus one. */
export const mediaTokens = (m: MediaPart) => 1 + (m.kind === "image" ? Math.ceil((m.width * m.height) / 784) : Math.ceil(m.durationMs / 40));

/** The reference model's answer to media: one line per part, in order (multimodal.md, informative). */
export function describeMedia(parts: readonly MediaPart[]): string {
  let images = 0;
  let clips = 0;
  return parts
    .map((m) => (m.kind === "image" ? `image ${++images}: ${m.width}x${m.height} ${m.format}` : `audio ${++clips}: ${m.durationMs} ms, ${m.channels} ch, ${m.sampleRate} Hz`))
    .join("\n");
}
