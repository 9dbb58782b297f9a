/** `anthropic` from `anthropic.claude-…`, `us.anthropic.claude-…` or a foundation-model ARN. */
export function providerOf(modelId: string): string | undefined {
  const id = modelId.slice(modelId.lastIndexOf("/") + 1).replace(/^(us|eu|apac|global|us-gov|ca|jp|au)\./, "");
  return id.includes(".") ? id.slice(0, id.indexOf(".")) : undefined;
}
