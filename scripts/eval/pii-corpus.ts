/**
 * Generated personal and financial data with valid checksums, and look-alikes that must not
 * be reported: cards failing Luhn, IBANs with a wrong check digit, version strings, order ids,
 * dates and timestamps.
 */
import { luhnValid } from "../../src/enrich/classify/pii/validators.js";
import { LOWER, Random } from "./random.js";

export interface PiiSample {
  kind: string;
  text: string;
  value?: string;
}

function withLuhn(prefix: string, length: number, r: Random, valid: boolean): string {
  let body = prefix + r.chars("0123456789", length - prefix.length - 1);
  for (let d = 0; d <= 9; d += 1) {
    const ok = luhnValid(body + d);
    if (ok === valid) return body + d;
  }
  body = body.slice(0, -1) + "1";
  return body;
}

/** ISO 13616 check digits: move the country and "00" to the end, mod 97. */
function iban(country: string, bban: string, valid: boolean): string {
  const digits = (bban + country + "00").replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  let rest = 0;
  for (const ch of digits) rest = (rest * 10 + Number(ch)) % 97;
  const check = 98 - rest;
  const shown = valid ? check : ((check + 1) % 97) + 1;
  return country + String(shown).padStart(2, "0") + bban;
}

const spaced = (value: string) => value.replace(/(.{4})(?=.)/g, "$1 ");
/** Amex prints 4-6-5; the other networks here print groups of four. */
const spacedCard = (value: string) => (value.length === 15 ? `${value.slice(0, 4)} ${value.slice(4, 10)} ${value.slice(10)}` : spaced(value));

export function piiCorpus(seed = 5): PiiSample[] {
  const r = new Random(seed);
  const out: PiiSample[] = [];
  for (let i = 0; i < 20; i += 1) {
    const issuer = r.pick(["4", "51", "55", "2221", "37", "6011"]);
    // American Express numbers have 15 digits, the others here 16.
    const card = withLuhn(issuer, issuer === "37" ? 15 : 16, r, true);
    const shownCard = i % 2 ? spacedCard(card) : card;
    out.push({ kind: "payment_card", value: shownCard, text: `my card is ${shownCard} exp 09/27, why was it declined?` });
    const de = iban("DE", r.chars("0123456789", 18), true);
    const shownIban = i % 2 ? spaced(de) : de;
    out.push({ kind: "iban", value: shownIban, text: `Please wire the refund to ${shownIban} by Friday.` });
    const email = `${r.chars(LOWER, 6)}.${r.chars(LOWER, 5)}@${r.pick(["example.com", "corp.example.org", "mail.example.net"])}`;
    out.push({ kind: "email", value: email, text: `Draft a reply to ${email} about the invoice.` });
    const phone = r.pick([`+44 20 ${r.chars("0123456789", 4)} ${r.chars("0123456789", 4)}`, `(415) 555-${r.chars("0123456789", 4)}`, `+1 212 555 ${r.chars("0123456789", 4)}`]);
    out.push({ kind: "phone_number", value: phone, text: `Call the customer back on ${phone} after 3pm.` });
    const ssn = `${r.int(100, 665)}-${r.int(10, 99)}-${r.int(1000, 9999)}`;
    out.push({ kind: "us_ssn", value: ssn, text: `Employee SSN ${ssn} needs to go on the W-2.` });
    const ip = `10.${r.int(0, 255)}.${r.int(0, 255)}.${r.int(1, 254)}`;
    out.push({ kind: "ip_address", value: ip, text: `The login came from ${ip} at midnight.` });
    // Look-alikes
    out.push({ kind: "bad_luhn_card", text: `order number ${withLuhn("4", 16, r, false)} shipped` });
    out.push({ kind: "bad_iban", text: `reference ${iban("DE", r.chars("0123456789", 18), false)} in the ledger` });
    out.push({ kind: "version", text: `upgrade to version ${r.int(1, 9)}.${r.int(0, 9)}.${r.int(0, 9)}.${r.int(0, 99)} fixes it` });
    out.push({ kind: "timestamp", text: `job ${r.int(1_600_000_000, 1_800_000_000)}${r.int(100, 999)} ran at 2024-0${r.int(1, 9)}-1${r.int(0, 9)} 12:00:00` });
    out.push({ kind: "order_id", text: `ticket #${r.chars("0123456789", 10)} was closed` });
  }
  return out;
}
