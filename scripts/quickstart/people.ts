/** The fictional organisation whose AI use the corpus shows: one person, one email, several tool identities. */
import type { Random } from "./random.js";

export const ORG = { id: "0c6f7d2a-5e1b-4c8e-9a31-7f2d4b6e8c10", name: "Northwind Traders", domain: "northwind.example" };

export type Department = "engineering" | "sales" | "marketing" | "finance" | "hr" | "legal" | "support" | "operations" | "security";

export interface Person {
  /** Stable key of the person in the manifest: the mailbox name. */
  handle: string;
  name: string;
  email: string;
  department: Department;
  title: string;
  groups: string[];
  /** How each tool knows this person (identity stitching must resolve these to the email). */
  ids: { entra: string; chatgpt: string; claude: string; gatewayKey: string };
  /** The user's office subnet, for `network.sourceIp`. */
  ip: string;
  /** Local offset from UTC in hours, so work hours look like work hours. */
  utcOffset: number;
}

const STAFF: Array<[string, Department, string, number]> = [
  ["Ana Ruiz", "finance", "Financial Controller", 1],
  ["Ben Carter", "engineering", "Backend Engineer", 0],
  ["Chloe Nguyen", "marketing", "Content Marketing Manager", 0],
  ["Daniel Osei", "sales", "Account Executive", 0],
  ["Dmitri Volkov", "operations", "Facilities Coordinator", 1],
  ["Elena Marsh", "security", "AI Red Team Lead", 0],
  ["Farah Khan", "hr", "HR Business Partner", 0],
  ["George Whitfield", "legal", "Commercial Counsel", 0],
  ["Hannah Schmidt", "operations", "Operations Analyst", 1],
  ["Ines Duarte", "support", "Customer Support Lead", 0],
  ["Jason Lee", "engineering", "QA Engineer", -5],
  ["Kevin O'Brien", "sales", "Sales Operations Analyst", 0],
  ["Laura Bianchi", "finance", "Accounts Payable Clerk", 1],
  ["Marcus Hale", "finance", "Junior Analyst", 0],
  ["Nina Petrova", "engineering", "Data Engineer", 1],
  ["Omar Farouk", "engineering", "Site Reliability Engineer", 0],
  ["Priya Raman", "marketing", "Marketing Operations Specialist", 0],
  ["Quentin Blake", "engineering", "Frontend Engineer", -5],
  ["Rachel Adams", "hr", "Recruiter", 0],
  ["Raj Patel", "engineering", "Platform Engineer", 0],
  ["Sandra Kim", "support", "Billing Support Specialist", -5],
  ["Tom Hughes", "engineering", "Graduate Developer", 0],
  ["Uma Srinivasan", "legal", "Privacy Counsel", 0],
  ["Victor Almeida", "sales", "Regional Sales Director", 1],
  ["Wendy Zhao", "operations", "Procurement Manager", 0],
  ["Yusuf Demir", "support", "Technical Support Engineer", 1],
];

const GROUPS: Record<Department, string[]> = {
  engineering: ["eng-all", "github-users"],
  sales: ["sales-emea", "crm-users"],
  marketing: ["marketing", "cms-editors"],
  finance: ["finance", "erp-users"],
  hr: ["people-team", "hris-users"],
  legal: ["legal", "contracts"],
  support: ["support", "zendesk-agents"],
  operations: ["operations"],
  security: ["security", "sec-ai-red-team"],
};

/** The staff list with ids drawn from `r`: same seed, same people. */
export function makeStaff(r: Random): Person[] {
  return STAFF.map(([name, department, title, utcOffset]) => {
    const handle = name.toLowerCase().replace(/'/g, "").replace(/\s+/g, ".");
    return {
      handle,
      name,
      email: `${handle}@${ORG.domain}`,
      department,
      title,
      groups: ["all-staff", ...GROUPS[department]],
      ids: {
        entra: r.uuid(),
        chatgpt: "user-" + r.chars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 24),
        claude: "user_01" + r.chars("ABCDEFGHJKMNPQRSTVWXYZ0123456789", 24),
        gatewayKey: `${department}-${handle.split(".")[0]}-key`,
      },
      ip: `10.${20 + Object.keys(GROUPS).indexOf(department)}.${r.int(1, 30)}.${r.int(10, 250)}`,
      utcOffset,
    };
  });
}
