import { readFileSync } from "node:fs";
import { connector } from "../../../src/connectors/m365-copilot-audit/index.js";
import { interactionId } from "../../../src/model/index.js";

const fixture = JSON.parse(readFileSync(new URL("../../fixtures/m365-copilot-audit/copilot-interaction.json", import.meta.url), "utf8")) as Record<string, unknown>;

describe("m365-copilot-audit parse", () => {
  const [interaction] = connector.parse(fixture, { options: {} });

  it("maps the audit envelope: id, time, user, thread, host, network", () => {
    expect(interaction!.id).toBe(interactionId("m365-copilot-audit", "7e1d4c2a-0b1f-4c1e-9a55-5d2f3e4a0001"));
    expect(interaction!.timestamp).toBe("2026-03-02T09:41:44.000Z");
    expect(interaction!.user).toEqual({ id: "2b7c0000-aaaa-bbbb-cccc-000000000001", email: "ana.ruiz@contoso.example", name: "ana.ruiz@contoso.example", domain: "contoso.example" });
    expect(interaction!.conversationId).toBe("19:demo-thread@thread.v2");
    expect(interaction!.app).toEqual({ name: "Microsoft 365 Copilot", host: "bizchat", id: "Copilot.MicrosoftCopilot.BizChat" });
    expect(interaction!.network).toEqual({ sourceIp: "203.0.113.10" });
    expect(interaction!.model).toEqual({ provider: "demo-provider", responded: "demo-model" });
    expect(interaction!.labels).toMatchObject({ plugins: "BingWebSearch", modelVersion: "2026-01" });
  });

  it("keeps message ids and flags for the join with the transcripts, without text", () => {
    expect(interaction!.prompt).toMatchObject({ text: "", messages: [{ role: "user", content: "", flags: { id: "1772443300123", isPrompt: true, JailbreakDetected: true } }] });
    expect(interaction!.response.messages[0]!.flags).toEqual({ id: "1772443301456", isPrompt: false, JailbreakDetected: false });
  });

  it("turns Microsoft's verdicts into upstream findings: jailbreak, XPIA, policy block", () => {
    const summary = interaction!.findings.map((f) => [f.category, f.target, f.action, f.policy?.name]);
    expect(summary).toEqual([
      ["jailbreak", "prompt", "unknown", undefined],
      ["policy", "interaction", "blocked", "Block Confidential from Copilot"],
      ["indirect_prompt_injection", "interaction", "unknown", undefined],
    ]);
    expect(interaction!.findings[0]!.atlas).toEqual(["AML.T0054"]);
  });

  it("lists accessed resources and contexts", () => {
    expect(interaction!.resources).toContainEqual({ type: "File", name: "Q3-salaries.xlsx", id: "https://contoso.sharepoint.com/sites/hr/Shared Documents/Q3-salaries.xlsx", url: "https://contoso.sharepoint.com/sites/hr", sensitivityLabel: "a1b2c3d4-0000-0000-0000-000000000009", action: "Read" });
    expect(interaction!.resources).toContainEqual({ type: "docx", id: "https://contoso-my.sharepoint.com/personal/ana/Documents/Q3-plan.docx" });
  });

  it("refuses a record that is not a CopilotInteraction, naming the field", () => {
    expect(() => connector.parse({ ...fixture, Operation: "FileAccessed" }, { options: {} })).toThrow(/Operation/);
    expect(() => connector.parse({ ...fixture, CopilotEventData: undefined }, { options: {} })).toThrow(/CopilotEventData/);
  });
});
