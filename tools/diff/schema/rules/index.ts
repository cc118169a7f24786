import type { SchemaRule } from "../rule.js";
import { additionalPropertiesRule } from "./additional-properties.js";
import { alternativesRule } from "./alternatives.js";
import { annotationsRule } from "./annotations.js";
import { defaultRule } from "./default.js";
import { deprecatedRule } from "./deprecated.js";
import { extensionsRule } from "./extensions.js";
import { enumRule } from "./enum.js";
import { itemsRule } from "./items.js";
import { limitsRule } from "./limits.js";
import { propertiesRule } from "./properties.js";
import { formatRule, patternRule } from "./string-format.js";
import { typeRule } from "./type.js";

/** Every schema rule, in report order. Adding a kind of change = adding a rule here and a row to the policy. */
export const SCHEMA_RULES: readonly SchemaRule[] = [
  typeRule,
  enumRule,
  limitsRule,
  patternRule,
  formatRule,
  propertiesRule,
  additionalPropertiesRule,
  itemsRule,
  alternativesRule,
  defaultRule,
  deprecatedRule,
  annotationsRule,
  extensionsRule,
];
