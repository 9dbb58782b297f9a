/**
 * Fake but well-formed secrets and personal data for the corpus: they have the shape real
 * detectors look for (prefixes, lengths, checksums) and belong to no one.
 */
import { ALNUM, DIGITS, type Random } from "./random.js";

const BASE32_UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
const BASE64 = ALNUM + "+/";

export const fakeAwsAccessKeyId = (r: Random): string => "AKIA" + r.chars(BASE32_UPPER, 16);
export const fakeAwsSecretKey = (r: Random): string => r.chars(BASE64, 40);
export const fakeGithubToken = (r: Random): string => "ghp_" + r.chars(ALNUM, 36);
export const fakeSlackBotToken = (r: Random): string => `xoxb-${r.chars(DIGITS, 12)}-${r.chars(DIGITS, 13)}-${r.chars(ALNUM, 24)}`;
export const fakeSlackWebhook = (r: Random): string =>
  `https://hooks.slack.com/services/T${r.chars(BASE32_UPPER, 8)}/B${r.chars(BASE32_UPPER, 10)}/${r.chars(ALNUM, 24)}`;
export const fakeStripeKey = (r: Random): string => "sk_live_" + r.chars(ALNUM, 32);
export const fakePassword = (r: Random): string => r.chars(ALNUM, 10) + r.pick(["!", "#", "$", "%"]) + r.chars(DIGITS, 2);

function base64url(text: string): string {
  return Buffer.from(text, "utf8").toString("base64url");
}

/** A JWT with a readable header and payload and a random signature. */
export function fakeJwt(r: Random, subject: string, issuedAt: number): string {
  const header = base64url(JSON.stringify({ alg: "RS256", typ: "JWT", kid: r.hex(16) }));
  const payload = base64url(
    JSON.stringify({ sub: subject, iss: "https://login.northwind.example/", aud: "billing-api", iat: issuedAt, exp: issuedAt + 3600, scope: "invoices:read invoices:write" }),
  );
  return `${header}.${payload}.${r.chars(ALNUM + "-_", 86)}`;
}

/** A PEM private key block with random body lines. */
export function fakePrivateKey(r: Random, kind: "RSA" | "OPENSSH"): string {
  const lines = Array.from({ length: 6 }, () => r.chars(BASE64, 64));
  return `-----BEGIN ${kind} PRIVATE KEY-----\n${lines.join("\n")}\n-----END ${kind} PRIVATE KEY-----`;
}

/** Luhn check digit for a number given without it. */
export function luhnCheckDigit(partial: string): number {
  let sum = 0;
  for (let i = 0; i < partial.length; i += 1) {
    let d = Number(partial[partial.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

/** A 16-digit card number in the issuers' published test ranges (Visa 4000 00.., Mastercard 5555 55..) that passes Luhn. */
export function fakeCardNumber(r: Random): string {
  const partial = r.pick(["400000", "555555", "411111"]) + r.chars(DIGITS, 9);
  const full = partial + luhnCheckDigit(partial);
  return full.replace(/(\d{4})(?=\d)/g, "$1 ");
}

/** ISO 13616 check digits: move country + "00" to the end, letters to numbers, 98 − (n mod 97). */
export function ibanCheckDigits(country: string, bban: string): string {
  const rearranged = (bban + country + "00").replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  let remainder = 0;
  for (const digit of rearranged) remainder = (remainder * 10 + Number(digit)) % 97;
  return String(98 - remainder).padStart(2, "0");
}

export function fakeIban(r: Random): string {
  const [country, bban] = r.chance(0.5)
    ? ["GB", r.pick(["NWBK", "BARC", "MIDL"]) + r.chars(DIGITS, 14)]
    : ["DE", r.chars(DIGITS, 18)];
  const iban = country + ibanCheckDigits(country, bban) + bban;
  return iban.replace(/(.{4})(?=.)/g, "$1 ");
}

/** UK numbers from Ofcom's range reserved for drama (07700 900000–900999). */
export const fakeUkMobile = (r: Random): string => `07700 900${r.chars(DIGITS, 3)}`;
/** US numbers from the 555-0100–0199 range reserved for fiction. */
export const fakeUsPhone = (r: Random): string => `(${r.pick(["212", "415", "312", "617"])}) 555-01${r.chars(DIGITS, 2)}`;

const FIRST = ["Olivia", "Noah", "Amelia", "Liam", "Isla", "Mateo", "Zara", "Ethan", "Chloe", "Yusuf", "Grace", "Leon", "Maya", "Oscar", "Aisha", "Jonas"];
const LAST = ["Bennett", "Kowalski", "Haddad", "Lindqvist", "Moreau", "Okafor", "Fischer", "Sato", "Costa", "Murphy", "Novak", "Reyes", "Walsh", "Ibrahim"];

export interface FakePerson {
  name: string;
  email: string;
  phone: string;
  dateOfBirth: string;
  address: string;
}

/** A private individual (customer, candidate, employee's contact) with contact details. */
export function fakePerson(r: Random): FakePerson {
  const first = r.pick(FIRST);
  const last = r.pick(LAST);
  const street = `${r.int(2, 180)} ${r.pick(["Mill Lane", "Station Road", "Church Street", "Victoria Avenue", "Park Road", "Kingsway"])}`;
  const town = r.pick(["Leeds LS6 2AB", "Bristol BS8 1TH", "Manchester M14 5RT", "Reading RG1 3EH", "York YO10 4DD"]);
  return {
    name: `${first} ${last}`,
    email: `${first.toLowerCase()}.${last.toLowerCase()}${r.int(1, 99)}@${r.pick(["mail.example.com", "example.net", "inbox.example.org"])}`,
    phone: r.chance(0.7) ? fakeUkMobile(r) : fakeUsPhone(r),
    dateOfBirth: `${r.int(1962, 2001)}-${String(r.int(1, 12)).padStart(2, "0")}-${String(r.int(1, 28)).padStart(2, "0")}`,
    address: `${street}, ${town}`,
  };
}
