/**
 * Media inspection for the multimodal profile's reference model (spec/1.0/multimodal.md): decode a data
 * URI, and read an image's pixel size (PNG, JPEG, GIF headers) or a WAV clip's duration, without any
 * image or audio library. Pure functions of bytes; every failure is a reason string, never an exception.
 */

export interface DataUri {
  mediaType: string;
  bytes: Buffer;
}

const DATA_URI = /^data:([a-z]+\/[a-z0-9.+-]+)((?:;[a-z0-9-]+=[^;,]*)*);base64,([A-Za-z0-9+/]*={0,2})$/i;

/** A base64 data URI, or a reason it is not one. */
export function parseDataUri(url: string): DataUri | string {
  const m = DATA_URI.exec(url);
  if (!m) return "not a base64 data URI (data:<media type>;base64,<data>)";
  if (m[3].length % 4 !== 0) return "the base64 data has a length that is not a multiple of 4";
  return { mediaType: m[1].toLowerCase(), bytes: Buffer.from(m[3], "base64") };
}

/** Strict base64 (RFC 4648 §4, padded) to bytes, or undefined. */
export function decodeBase64(data: string): Buffer | undefined {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(data) || data.length % 4 !== 0) return undefined;
  return Buffer.from(data, "base64");
}

export interface ImageInfo {
  format: "png" | "jpeg" | "gif";
  width: number;
  height: number;
}

/** The format and pixel size from an image's header, or a reason it cannot be read. */
export function imageInfo(b: Buffer): ImageInfo | string {
  if (b.length >= 24 && b.readUInt32BE(0) === 0x89504e47 && b.readUInt32BE(4) === 0x0d0a1a0a && b.toString("latin1", 12, 16) === "IHDR") {
    return { format: "png", width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
  }
  if (b.length >= 10 && /^GIF8[79]a$/.test(b.toString("latin1", 0, 6))) {
    return { format: "gif", width: b.readUInt16LE(6), height: b.readUInt16LE(8) };
  }
  if (b.length >= 4 && b[0] === 0xff && b[1] === 0xd8) {
    // Walk the marker segments to the first start-of-frame (SOF0..SOF15 except DHT C4, JPG C8, DAC CC).
    let i = 2;
    while (i + 9 < b.length) {
      if (b[i] !== 0xff) return "a JPEG marker segment is broken";
      const marker = b[i + 1];
      if (marker === 0xff) {
        i++;
        continue;
      }
      const length = b.readUInt16BE(i + 2);
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
        return { format: "jpeg", height: b.readUInt16BE(i + 5), width: b.readUInt16BE(i + 7) };
      }
      if (length < 2) return "a JPEG segment has an impossible length";
      i += 2 + length;
    }
    return "the JPEG has no frame header";
  }
  return "not a PNG, JPEG or GIF image";
}

export interface WavInfo {
  channels: number;
  sampleRate: number;
  durationMs: number;
}

/** Channels, sample rate and duration of a RIFF/WAVE clip, or a reason it cannot be read. */
export function wavInfo(b: Buffer): WavInfo | string {
  if (b.length < 12 || b.toString("latin1", 0, 4) !== "RIFF" || b.toString("latin1", 8, 12) !== "WAVE") return "not a RIFF/WAVE file";
  let fmt: { channels: number; sampleRate: number; byteRate: number } | undefined;
  for (let i = 12; i + 8 <= b.length; ) {
    const id = b.toString("latin1", i, i + 4);
    const size = b.readUInt32LE(i + 4);
    if (id === "fmt " && i + 24 <= b.length) fmt = { channels: b.readUInt16LE(i + 10), sampleRate: b.readUInt32LE(i + 12), byteRate: b.readUInt32LE(i + 16) };
    if (id === "data") {
      if (!fmt || fmt.byteRate === 0) return "the WAV data chunk comes before a usable fmt chunk";
      const bytes = Math.min(size, b.length - i - 8);
      return { channels: fmt.channels, sampleRate: fmt.sampleRate, durationMs: Math.round((bytes / fmt.byteRate) * 1000) };
    }
    i += 8 + size + (size % 2);
  }
  return "the WAV file has no data chunk";
}
