// Multimodal (spec/1.0/multimodal.md): the header readers behind the reference model's reaction, and the
// reaction itself over HTTP — it states each image's pixel size and each clip's duration, so a test can
// prove the part was read.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { imageInfo, parseDataUri, wavInfo } from "../../tools/serve/multimodal/media.js";
import { startServer, type RunningServer } from "../../tools/serve/server.js";

/** A PNG header of the given size (the readers look at the header only). */
function png(width: number, height: number): Buffer {
  const b = Buffer.alloc(33);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(b, 0);
  b.writeUInt32BE(13, 8);
  b.write("IHDR", 12, "latin1");
  b.writeUInt32BE(width, 16);
  b.writeUInt32BE(height, 20);
  return b;
}

function gif(width: number, height: number): Buffer {
  const b = Buffer.alloc(13);
  b.write("GIF89a", 0, "latin1");
  b.writeUInt16LE(width, 6);
  b.writeUInt16LE(height, 8);
  return b;
}

/** SOI, an APP0 segment, then SOF0 with the size. */
function jpeg(width: number, height: number): Buffer {
  const app0 = Buffer.from([0xff, 0xe0, 0x00, 0x10, ...Buffer.from("JFIF\0"), 1, 1, 0, 0, 1, 0, 1, 0, 0]);
  const sof = Buffer.from([0xff, 0xc0, 0x00, 0x11, 8, height >> 8, height & 0xff, width >> 8, width & 0xff, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]);
  return Buffer.concat([Buffer.from([0xff, 0xd8]), app0, sof]);
}

function wav(samples: number, rate = 8000, channels = 1): Buffer {
  const bytes = samples * channels * 2;
  const b = Buffer.alloc(44 + bytes);
  b.write("RIFF", 0, "latin1");
  b.writeUInt32LE(36 + bytes, 4);
  b.write("WAVE", 8, "latin1");
  b.write("fmt ", 12, "latin1");
  b.writeUInt32LE(16, 16);
  b.writeUInt16LE(1, 20);
  b.writeUInt16LE(channels, 22);
  b.writeUInt32LE(rate, 24);
  b.writeUInt32LE(rate * channels * 2, 28);
  b.writeUInt16LE(channels * 2, 32);
  b.writeUInt16LE(16, 34);
  b.write("data", 36, "latin1");
  b.writeUInt32LE(bytes, 40);
  return b;
}

describe("media header readers", () => {
  it("read PNG, GIF and JPEG sizes", () => {
    expect(imageInfo(png(640, 480))).toEqual({ format: "png", width: 640, height: 480 });
    expect(imageInfo(gif(3, 2))).toEqual({ format: "gif", width: 3, height: 2 });
    expect(imageInfo(jpeg(1024, 768))).toEqual({ format: "jpeg", width: 1024, height: 768 });
  });

  it("give a reason for bytes that are no image, and for a JPEG without a frame", () => {
    expect(imageInfo(Buffer.from("hello world, not an image"))).toMatch(/not a PNG, JPEG or GIF/);
    expect(imageInfo(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x04, 0, 0, 0, 0, 0, 0]))).toMatch(/no frame header/);
  });

  it("read a WAV clip's duration, channels and rate", () => {
    expect(wavInfo(wav(4000, 8000, 2))).toEqual({ channels: 2, sampleRate: 8000, durationMs: 500 });
    expect(wavInfo(Buffer.from("RIFF0000AVI "))).toMatch(/not a RIFF\/WAVE/);
  });

  it("parse base64 data URIs and refuse other strings", () => {
    const parsed = parseDataUri(`data:image/png;base64,${png(1, 1).toString("base64")}`);
    expect(typeof parsed === "string" ? parsed : parsed.mediaType).toBe("image/png");
    expect(parseDataUri("https://example.com/a.png")).toMatch(/not a base64 data URI/);
  });
});

describe("the reference model's reaction to media", () => {
  let server: RunningServer;
  const chat = async (content: unknown[], role = "user") => {
    const res = await fetch(`${server.url}/chat/completions`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ model: "lis-tiny", messages: [{ role, content }] }) });
    return { status: res.status, body: (await res.json()) as any };
  };
  beforeAll(async () => {
    server = await startServer({ port: 0 });
  });
  afterAll(() => server.close());

  it("states each image's size and each clip's duration, in order, and counts them as prompt tokens", async () => {
    const parts = [
      { type: "text", text: "What are these?" },
      { type: "image_url", image_url: { url: `data:image/png;base64,${png(56, 28).toString("base64")}` } },
      { type: "input_audio", input_audio: { data: wav(800).toString("base64"), format: "wav" } },
      { type: "image_url", image_url: { url: `data:image/jpeg;base64,${jpeg(3, 2).toString("base64")}` } },
    ];
    const { status, body } = await chat(parts);
    expect(status).toBe(200);
    expect(body.choices[0].message.content).toBe("image 1: 56x28 png\naudio 1: 100 ms, 1 ch, 8000 Hz\nimage 2: 3x2 jpeg");
    const textOnly = await chat([parts[0]]);
    // 56×28 = two patches (+1), 100 ms = three 40 ms frames (+1), 3×2 = one patch (+1).
    expect(body.usage.prompt_tokens - textOnly.body.usage.prompt_tokens).toBe(3 + 4 + 2);
  });

  it("refuses a PNG-labelled GIF, a remote URL and media outside user messages, naming the member", async () => {
    const gifAsPng = await chat([{ type: "image_url", image_url: { url: `data:image/png;base64,${gif(1, 1).toString("base64")}` } }]);
    expect([gifAsPng.status, gifAsPng.body.error.code, gifAsPng.body.error.param]).toEqual([400, "invalid_value", "messages[0].content[0].image_url.url"]);
    const remote = await chat([{ type: "image_url", image_url: { url: "https://example.com/a.png" } }]);
    expect([remote.status, remote.body.error.code]).toEqual([400, "unsupported_url"]);
    const inSystem = await chat([{ type: "image_url", image_url: { url: `data:image/png;base64,${png(1, 1).toString("base64")}` } }], "system");
    expect([inSystem.status, inSystem.body.error.param]).toEqual([400, "messages[0].content[0].type"]);
  });
});
