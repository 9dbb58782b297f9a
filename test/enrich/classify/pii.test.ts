import { detectPersonalData, PiiConfig } from "../../../src/enrich/classify/pii/index.js";

const config = PiiConfig.parse({});
const found = (text: string) => detectPersonalData(text, config).map((s) => `${s.label}:${text.slice(s.start, s.end)}`);

describe("personal and financial data", () => {
  it("reports cards only with a valid Luhn checksum and a known issuer", () => {
    expect(found("card 4111 1111 1111 1111 please")).toEqual(["payment_card:4111 1111 1111 1111"]);
    expect(found("card 4111 1111 1111 1112 please")).toEqual([]);
    expect(found("ref 9111111111111111")).toEqual([]);
  });

  it("reports IBANs with a valid checksum, spaced or not", () => {
    expect(found("pay GB82 WEST 1234 5698 7654 32 today")).toEqual(["iban:GB82 WEST 1234 5698 7654 32"]);
    expect(found("pay DE89370400440532013000")).toEqual(["iban:DE89370400440532013000"]);
    expect(found("pay DE88370400440532013000")).toEqual([]);
  });

  it("finds emails, phones, SSNs and account numbers by context", () => {
    expect(found("mail ana.lopez@example.com or call +44 20 7946 0958")).toEqual(["email:ana.lopez@example.com", "phone_number:+44 20 7946 0958"]);
    expect(found("SSN 123-45-6789; invalid 666-12-3456")).toEqual(["us_ssn:123-45-6789"]);
    expect(found("account number: 31926819 sort code 40-47-84")).toEqual(["bank_account_number:31926819", "bank_account_number:40-47-84"]);
  });

  it("does not take version strings for IP addresses", () => {
    expect(found("login from 10.20.30.40")).toEqual(["ip_address:10.20.30.40"]);
    expect(found("upgrade to version 1.2.3.4 now")).toEqual([]);
    expect(found("build 10.0.19041.1052 is out")).toEqual([]);
  });

  it("lets a kind be switched off", () => {
    expect(detectPersonalData("from 10.20.30.40", PiiConfig.parse({ exclude: ["ip_address"] }))).toEqual([]);
  });
});
