/**
 * `npm run build:splunk-app [out.tgz]`: packages integrations/splunk/TA-aisiem as
 * out/splunk/TA-aisiem-<version>.tgz (for "Install app from file" or a deployment server) and
 * refreshes docs/fields-cim.md from the CIM contract.
 */
import { packageSplunkApp } from "../../src/cli/commands/setup-splunk.js";
import { writeFieldReference } from "./fields-doc.js";

process.stdout.write(`${writeFieldReference()}\n${packageSplunkApp(process.argv[2])}\n`);
