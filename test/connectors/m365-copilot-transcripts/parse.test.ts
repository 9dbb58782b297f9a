import { readFileSync } from "node:fs";
import { connector as audit } from "../../../src/connectors/m365-copilot-audit/index.js";
import { connector } from "../../../src/connectors/m365-copilot-transcripts/index.js";

const [prompt, response] = JSON.parse(readFileSync(new URL("../../fixtures/m365-copilot-transcripts/ai-interactions.json", import.meta.url), "utf8")) as unknown[];
const auditRecord = JSON.parse(readFileSync(new URL("../../fixtures/m365-copilot-audit/copilot-interaction.json", import.meta.url), "utf8")) as unknown;

describe("m365-copilot-transcripts parse", () => {
  it("reads a user prompt with its text, session, request and context", () => {
    const [i] = connector.parse({ user: { id: "2b7c0000-aaaa-bbbb-cccc-000000000001", userPrincipalName: "ana.ruiz@contoso.example" }, interaction: prompt }, { options: {} });
    expect(i!.prompt.text).toBe("Summarise the Q3 salary review file");
    expect(i!.response.text).toBe("");
    expect(i!).toMatchObject({ conversationId: "19:demo-thread@thread.v2", traceId: "req-3f9", operation: "userPrompt", app: { host: "BizChat" }, user: { email: "ana.ruiz@contoso.example", name: "Ana Ruiz" } });
    expect(i!.resources).toEqual([{ type: "file", name: "Q3-salaries.xlsx", url: "https://contoso-my.sharepoint.com/personal/ana/Q3-salaries.xlsx" }]);
  });

  it("reads a Copilot response, turning its HTML body into text", () => {
    const [i] = connector.parse(response, { options: {} });
    expect(i!.response.text).toBe("I can't open that file: a policy blocks it.");
    expect(i!.response.messages[0]).toMatchObject({ role: "assistant", flags: { id: "1772443301456" } });
    expect(i!.outcome).toBe("success");
  });

  it("shares the conversation id and message ids with the audit record of the same thread", () => {
    const [fromAudit] = audit.parse(auditRecord, { options: {} });
    const [p] = connector.parse(prompt, { options: {} });
    expect(p!.conversationId).toBe(fromAudit!.conversationId);
    expect(fromAudit!.prompt.messages[0]!.flags!.id).toBe(p!.prompt.messages[0]!.flags!.id);
  });

  it("hashes text when the source asks for it", () => {
    const [i] = connector.parse(prompt, { options: {}, content: "hash" });
    expect(i!.prompt.text).toMatch(/^sha256:/);
  });

  it("refuses an interaction without a createdDateTime", () => {
    expect(() => connector.parse({ ...(prompt as object), createdDateTime: undefined }, { options: {} })).toThrow(/createdDateTime/);
  });
});
