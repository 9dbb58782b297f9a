/** The seeded generator shared with the quickstart corpus, plus the alphabets token formats use. */
export { Random, ALNUM } from "../quickstart/random.js";
import { ALNUM } from "../quickstart/random.js";

export const UPPER_NUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
export const HEX = "0123456789abcdef";
export const B64 = ALNUM + "+/";
export const URLSAFE = ALNUM + "_-";
export const LOWER = "abcdefghijklmnopqrstuvwxyz";
