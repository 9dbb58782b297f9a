import { createHash, timingSafeEqual } from "node:crypto";

const digest = (value: string): Buffer => createHash("sha256").update(value).digest();

/**
 * Checks `Authorization: Bearer <token>` against the configured tokens in constant time: both
 * sides are hashed to equal length first, and every token is compared whatever matched before.
 */
export class TokenCheck {
  private readonly digests: Buffer[];

  constructor(
    tokens: readonly string[],
    private readonly open: boolean,
  ) {
    this.digests = tokens.map(digest);
  }

  allows(authorization: string | undefined): boolean {
    if (this.open) return true;
    const match = /^Bearer\s+(.+)$/i.exec(authorization ?? "");
    if (!match) return false;
    const presented = digest(match[1]!.trim());
    let ok = false;
    for (const expected of this.digests) ok = timingSafeEqual(presented, expected) || ok;
    return ok;
  }
}
