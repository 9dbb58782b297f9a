const NAME = /^[A-Za-z_][\w.]*(\{\})?(\.[\w.]+)?$/;

/** Names one pipeline command reads: filters and comparisons, function arguments, `by`, `table`/`dedup` lists. */
function namesIn(command: string): string[] {
  const body = command.replace(/^\s*eval\s+[\w.{}]+\s*=/, "eval ");
  return [
    ...[...body.matchAll(/([\w.{}]+)\s*(?:!=|>=|<=|=|>|<)/g)].map((m) => m[1]!),
    ...[...body.matchAll(/([\w.{}]+)\s+IN\s*\(/g)].map((m) => m[1]!),
    ...[...body.matchAll(/\b\w+\(([^()]*)\)/g)].flatMap((m) => m[1]!.split(",")),
    ...[...body.matchAll(/\bby\s+(.+)$/g)].flatMap((m) => m[1]!.split(/[\s,]+/)),
    ...[...body.matchAll(/^\s*(?:table|dedup)\s+(.+)$/g)].flatMap((m) => m[1]!.split(/[\s,]+/)),
  ].map((f) => f.trim());
}

/** Names one pipeline command defines: `... as x`, `eval x=`. */
function namesDefinedBy(command: string): string[] {
  return [...command.matchAll(/\bas\s+([\w.{}]+)/gi), ...command.matchAll(/^\s*eval\s+([\w.{}]+)\s*=/g)].map((m) => m[1]!);
}

/**
 * The event fields an SPL search reads, command by command: what each command names that no
 * earlier command defined. Quoted literals are blanked first; `'field'` (eval's field quoting)
 * counts as a field. Good enough for the add-on's own searches, not a parser of SPL.
 */
export function splFieldsRead(search: string): string[] {
  const spl = search.replace(/"[^"]*"/g, '""').replace(/'([^']*)'/g, "$1");
  const defined = new Set<string>(["eventtype"]);
  const read = new Set<string>();
  for (const command of spl.split("|")) {
    for (const name of namesIn(command)) if (NAME.test(name) && !defined.has(name)) read.add(name);
    for (const name of namesDefinedBy(command)) defined.add(name);
  }
  return [...read].sort();
}
