/** String fields worth keeping (labels, model names, policies), without the ones the source left out. */
export function definedStrings(values: Record<string, string | number | undefined | null>): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const [key, value] of Object.entries(values)) if (value !== undefined && value !== null && value !== "") labels[key] = String(value);
  return labels;
}
