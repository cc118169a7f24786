/** A registry as JSON: an array of its rows, every field (the source file and line included). Pure. */
export const formatRegistryJson = (rows: readonly object[]): string => `${JSON.stringify(rows, null, 2)}\n`;
