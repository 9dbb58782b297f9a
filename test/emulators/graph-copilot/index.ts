/**
 * Microsoft Graph emulator for Copilot interaction history: per-user
 * `getAllEnterpriseInteractions` with `$top`, `$filter=createdDateTime ge …` and
 * `@odata.nextLink` paging (a skip token), user and group-member listings, and the Entra ID token
 * endpoint. A user without a Copilot licence answers 403.
 */
import { Emulator, unauthorized, type Request, type Reply } from "../_support/server.js";

export interface GraphUserData {
  id: string;
  userPrincipalName: string;
  licensed: boolean;
  interactions: { id: string; createdDateTime: string; [key: string]: unknown }[];
}

export class GraphEmulator extends Emulator {
  readonly users: GraphUserData[] = [];
  readonly groups = new Map<string, string[]>();

  constructor() {
    super((request) => this.route(request));
  }

  private route(request: Request): Reply {
    if (!this.authorized(request)) return unauthorized;
    const path = request.url.pathname.replace(/^\/(v1\.0|beta)\//, "");
    const history = /^copilot\/users\/([^/]+)\/interactionHistory\/getAllEnterpriseInteractions$/.exec(path);
    if (history) {
      const user = this.users.find((u) => u.id === decodeURIComponent(history[1]!));
      if (!user) return { status: 404, body: { error: { code: "Request_ResourceNotFound", message: "user not found" } } };
      if (!user.licensed) return { status: 403, body: { error: { code: "Forbidden", message: "user has no Copilot licence" } } };
      const filter = /createdDateTime ge (\S+)/.exec(request.url.searchParams.get("$filter") ?? "")?.[1];
      const items = user.interactions
        .filter((i) => !filter || Date.parse(i.createdDateTime) >= Date.parse(filter))
        .sort((a, b) => Date.parse(a.createdDateTime) - Date.parse(b.createdDateTime) || a.id.localeCompare(b.id));
      return this.page(request, items);
    }
    if (path === "users") return this.page(request, this.users.map(({ id, userPrincipalName }) => ({ id, userPrincipalName })));
    const members = /^groups\/([^/]+)\/transitiveMembers\/microsoft\.graph\.user$/.exec(path);
    if (members) {
      const ids = this.groups.get(decodeURIComponent(members[1]!)) ?? [];
      return this.page(request, this.users.filter((u) => ids.includes(u.id)).map(({ id, userPrincipalName }) => ({ id, userPrincipalName })));
    }
    return { status: 404, body: { error: { code: "BadRequest", message: `no route ${path}` } } };
  }

  private page(request: Request, items: unknown[]): Reply {
    const top = Number(request.url.searchParams.get("$top") ?? 100);
    const skip = Number(request.url.searchParams.get("$skiptoken") ?? 0);
    const value = items.slice(skip, skip + top);
    const body: Record<string, unknown> = { "@odata.context": `${this.url}/v1.0/$metadata`, value };
    if (skip + top < items.length) {
      const next = new URL(request.url);
      next.searchParams.set("$skiptoken", String(skip + top));
      body["@odata.nextLink"] = next.toString();
    }
    return { status: 200, body };
  }
}
