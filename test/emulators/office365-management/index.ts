/**
 * Office 365 Management Activity API emulator: subscriptions list/start, content listing by
 * window (startTime inclusive, endTime exclusive on contentCreated; both or neither; at most 24 h
 * apart; start at most 7 days back — else AF20030), NextPageUri paging, content blobs, and the
 * Entra ID token endpoint. Documented in the Management Activity API reference.
 */
import { Emulator, unauthorized, type Request, type Reply } from "../_support/server.js";

export interface Blob {
  contentId: string;
  /** Epoch ms when the blob became available. */
  created: number;
  records: unknown[];
}

const DAY = 86_400_000;

export class Office365Emulator extends Emulator {
  readonly blobs: Blob[] = [];
  subscriptionEnabled = false;
  /** Content entries per listing page. */
  pageSize = 2;

  constructor(readonly tenant = "tenant-1") {
    super((request) => this.route(request));
  }

  private route(request: Request): Reply {
    if (!this.authorized(request)) return unauthorized;
    const base = `/api/v1.0/${this.tenant}/activity/feed/`;
    const path = request.url.pathname;
    if (!path.startsWith(base)) return { status: 404, body: { error: { code: "AF20011", message: "Specified tenant ID does not exist" } } };
    const op = path.slice(base.length);
    const q = request.url.searchParams;
    if (op === "subscriptions/list") return { status: 200, body: this.subscriptionEnabled ? [{ contentType: "Audit.General", status: "enabled", webhook: null }] : [] };
    if (op === "subscriptions/start" && request.method === "POST") {
      this.subscriptionEnabled = true;
      return { status: 200, body: { contentType: q.get("contentType"), status: "enabled", webhook: null } };
    }
    if (!this.subscriptionEnabled) return { status: 400, body: { error: { code: "AF20022", message: "No subscription found for the specified content type" } } };
    if (op === "subscriptions/content") return this.listContent(request);
    if (op.startsWith("audit/")) {
      const blob = this.blobs.find((b) => b.contentId === decodeURIComponent(op.slice("audit/".length)));
      if (!blob) return { status: 404, body: { error: { code: "AF20050", message: "The specified content does not exist." } } };
      return { status: 200, body: blob.records };
    }
    return { status: 404, body: { error: { code: "NotFound", message: op } } };
  }

  private listContent(request: Request): Reply {
    const q = request.url.searchParams;
    const start = Date.parse(`${q.get("startTime")}Z`);
    const end = Date.parse(`${q.get("endTime")}Z`);
    if (Number.isNaN(start) || Number.isNaN(end) || end - start > DAY || end < start || start < Date.now() - 7 * DAY) {
      return { status: 400, body: { error: { code: "AF20030", message: "Start time and end time must both be specified (or both omitted) and must be less than or equal to 24 hours apart, with the start time no more than 7 days in the past." } } };
    }
    const inWindow = this.blobs.filter((b) => b.created >= start && b.created < end).sort((a, b) => a.created - b.created);
    const offset = Number(q.get("nextPage") ?? 0);
    const page = inWindow.slice(offset, offset + this.pageSize);
    const headers: Record<string, string> = {};
    if (offset + this.pageSize < inWindow.length) {
      const next = new URL(request.url);
      next.searchParams.set("nextPage", String(offset + this.pageSize));
      headers.NextPageUri = next.toString();
    }
    const body = page.map((b) => ({
      contentType: "Audit.General",
      contentId: b.contentId,
      contentUri: `${this.url}/api/v1.0/${this.tenant}/activity/feed/audit/${encodeURIComponent(b.contentId)}`,
      contentCreated: new Date(b.created).toISOString(),
      contentExpiration: new Date(b.created + 7 * DAY).toISOString(),
    }));
    return { status: 200, body, headers };
  }
}
