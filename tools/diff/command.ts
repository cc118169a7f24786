import type { Command } from "commander";

// Placeholder until this folder's owner lands the real command; must not survive to a commit.
export function registerDiff(_program: Command): void {}
