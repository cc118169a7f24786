/**
 * Packages that a run from the build's precompiled files (case suite, validators, data files) never needs,
 * loaded on first use instead of at start: yaml and Ajv's compiler cost a cold `lis conformance` ~100 ms
 * of module loading. Both are CommonJS, so a synchronous require is the same module an import would give.
 */
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

export const yaml = (): typeof import("yaml") => require("yaml");
export const Ajv2020 = (): typeof import("ajv/dist/2020.js").Ajv2020 => require("ajv/dist/2020.js").Ajv2020;
