import type { User } from "../../model/index.js";
import type { BehaviourConfig } from "./config.js";

export type IdentityConfig = BehaviourConfig["identity"];

/**
 * One person across AI tools: the alias map first (gateway key alias, app user id → person),
 * then an email or UPN (lower-cased, `+tag` removed, `DOMAIN\user` rewritten with the NetBIOS
 * map), then the product's own user id. Undefined when the record names nobody.
 */
export class IdentityResolver {
  private readonly aliases: Map<string, string>;
  private readonly netbios: Map<string, string>;

  constructor(private readonly config: IdentityConfig) {
    this.netbios = new Map(Object.entries(config.netbiosDomains).map(([k, v]) => [k.toLowerCase(), v.toLowerCase()]));
    this.aliases = new Map(Object.entries(config.aliases).map(([k, v]) => [k.trim().toLowerCase(), v]));
  }

  /** The canonical form of one identifier (also used for allow-list entries). */
  normalise(identifier: string): string {
    let id = identifier.trim().toLowerCase();
    const down = /^([^\\@]+)\\([^\\@]+)$/.exec(id);
    if (down) {
      const domain = this.netbios.get(down[1]!);
      id = domain ? `${down[2]}@${domain}` : id;
    }
    if (this.config.stripPlusTag) id = id.replace(/^([^@+]+)\+[^@]*@/, "$1@");
    return id;
  }

  resolve(user: User): string | undefined {
    const identifiers = [user.email, user.id, ...(user.aliases ?? []), user.name].filter((v): v is string => typeof v === "string" && v.trim() !== "");
    for (const identifier of identifiers) {
      const person = this.aliases.get(identifier.trim().toLowerCase()) ?? this.aliases.get(this.normalise(identifier));
      if (person) return this.normalise(person);
    }
    const named = identifiers.map((i) => this.normalise(i));
    return named.find((i) => /^[^@\s]+@[^@\s]+$/.test(i)) ?? named[0];
  }
}
