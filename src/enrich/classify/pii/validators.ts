/** Checksums and shape checks that keep number-shaped look-alikes (order ids, versions, timestamps) out. */
import { electronicFormatIBAN, isValidIBAN } from "ibantools";

export function digitsOf(value: string): string {
  return value.replace(/\D/g, "");
}

export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i -= 1) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return digits.length > 0 && sum % 10 === 0;
}

/** Issuer prefixes and lengths of the card networks in common use (Visa, Mastercard, Amex, Discover, JCB, Diners, UnionPay, Maestro). */
export function cardNetwork(digits: string): string | undefined {
  const n = digits.length;
  if (/^4/.test(digits) && (n === 13 || n === 16 || n === 19)) return "visa";
  if (/^(5[1-5]|2(2[2-9][1-9]|2[3-9]\d|[3-6]\d\d|7[01]\d|720))/.test(digits) && n === 16) return "mastercard";
  if (/^3[47]/.test(digits) && n === 15) return "amex";
  if (/^(6011|64[4-9]|65)/.test(digits) && n >= 16 && n <= 19) return "discover";
  if (/^35(2[89]|[3-8]\d)/.test(digits) && n >= 16 && n <= 19) return "jcb";
  if (/^3(0[0-5]|[689])/.test(digits) && n >= 14 && n <= 19) return "diners";
  if (/^62/.test(digits) && n >= 16 && n <= 19) return "unionpay";
  if (/^(5018|5020|5038|5893|6304|6759|676[1-3])/.test(digits) && n >= 12 && n <= 19) return "maestro";
  return undefined;
}

/** Same digit repeated or a straight run: test numbers typed by hand, not cards. */
export function trivialDigits(digits: string): boolean {
  return /^(\d)\1+$/.test(digits) || "01234567890123456789".includes(digits) || "98765432109876543210".includes(digits);
}

export function ibanValid(candidate: string): boolean {
  const electronic = electronicFormatIBAN(candidate);
  return electronic !== null && isValidIBAN(electronic);
}

/** US SSN area/group/serial rules: no 000, 666 or 9xx area, no 00 group, no 0000 serial. */
export function ssnValid(digits: string): boolean {
  if (digits.length !== 9) return false;
  const area = digits.slice(0, 3);
  return area !== "000" && area !== "666" && area[0] !== "9" && digits.slice(3, 5) !== "00" && digits.slice(5) !== "0000";
}

export function ipv4Valid(value: string): boolean {
  const parts = value.split(".");
  return parts.length === 4 && parts.every((p) => p.length <= 3 && Number(p) <= 255 && !(p.length > 1 && p[0] === "0"));
}
