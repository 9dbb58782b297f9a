/** splunk-sdk ships no types; src/util/splunk-sdk.ts types the part aisiem uses. */
declare module "splunk-sdk";
