/** Faults of spec/1.0/versioning.md (the wire clauses VER-002..006). */
import { unsupportedLisVersion } from "../http/errors.js";
import { header, onError } from "../hooks/helpers.js";
import type { FaultDefinition } from "./types.js";

export const versioningFaults: FaultDefinition[] = [
  {
    clause: "VER-002",
    description: "the `LIS-Version` response header is `1.0.0` (three numbers) instead of `1.0`",
    transformHeaders: (headers) => (headers["LIS-Version"] ? { ...headers, "LIS-Version": "1.0.0" } : headers),
  },
  {
    clause: "VER-003",
    description: "requests without a `LIS-Version` header are rejected with unsupported_lis_version",
    intercept(ctx) {
      if (ctx.method === "OPTIONS" || header(ctx, "lis-version") !== undefined) return undefined;
      throw unsupportedLisVersion("(absent)");
    },
  },
  {
    clause: "VER-004",
    description: "a `LIS-Version` with another minor version or a patch number (1.1, 1.0.1) is rejected",
    intercept(ctx) {
      const v = header(ctx, "lis-version");
      if (v === undefined || v.trim() === "1.0" || !/^1\./.test(v.trim())) return undefined;
      throw unsupportedLisVersion(v);
    },
  },
  {
    clause: "VER-005",
    description: "a malformed or unsupported `LIS-Version` (2.0, abc) is ignored and the request served",
    flags: ["skip-version-check"],
  },
  {
    clause: "VER-018",
    description: "the unsupported_lis_version error's message names no version the server implements",
    transformBody: onError((error) => (error.code === "unsupported_lis_version" ? { ...error, message: "Unsupported LIS-Version header." } : error), 400),
  },
  {
    clause: "VER-006",
    description: "CORS is on, but the preflight answer's Access-Control-Allow-Headers omits LIS-Version",
    flags: ["force-cors"],
    transformHeaders: (headers) =>
      headers["Access-Control-Allow-Headers"] ? { ...headers, "Access-Control-Allow-Headers": "Authorization, Content-Type, X-Request-Id" } : headers,
  },
];
