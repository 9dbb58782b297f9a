/**
 * Ordinary enterprise requests and plausible answers, by topic. Each template fills its slots
 * from the seeded source, so a few dozen templates give hundreds of distinct exchanges.
 */
import type { Department, Person } from "./people.js";
import type { Random } from "./random.js";

export interface WorkText {
  topic: string;
  prompt: string;
  response: string;
}

type Template = (r: Random, person: Person) => WorkText;

const CUSTOMERS = ["Contoso Retail", "Fabrikam Logistics", "Adventure Works", "Tailspin Toys", "Litware Health", "Wide World Importers", "Alpine Ski House", "Proseware", "Coho Winery", "Lamna Foods"];
const PRODUCTS = ["Northwind POS", "RouteWise", "StockSense", "Northwind Pay", "ShelfView analytics"];
const PROJECTS = ["Project Heron", "the Atlas data-platform migration", "the Q3 pricing refresh", "the warehouse scanner rollout", "the EMEA partner programme"];
const MONTHS = ["January", "February", "March", "April", "May", "June"];
const LANGS = ["TypeScript", "Python", "Go", "Java", "SQL"];
const COLLEAGUES = ["Sam", "Priyanka", "Jonas", "Mei", "Carlos", "Aoife", "Tobias", "Lena"];

const money = (r: Random, min: number, max: number): string => `£${r.int(min, max).toLocaleString("en-GB")}`;
const pct = (r: Random): string => `${r.int(2, 38)}.${r.int(0, 9)}%`;

const CODE_SNIPPETS: Record<string, string> = {
  TypeScript: `export async function fetchOrders(client: ApiClient, since: Date) {\n  const orders = [];\n  let page = 1;\n  while (true) {\n    const res = await client.get("/orders", { params: { since: since.toISOString(), page } });\n    orders.push(...res.data.items);\n    if (!res.data.next) break;\n    page++;\n  }\n  return orders;\n}`,
  Python: `def load_shipments(path):\n    rows = []\n    with open(path) as f:\n        for line in f:\n            parts = line.split(",")\n            rows.append({"id": parts[0], "weight": float(parts[3]), "eta": parts[5]})\n    return sorted(rows, key=lambda r: r["eta"])`,
  Go: `func (s *Store) Get(ctx context.Context, id string) (*Item, error) {\n\trow := s.db.QueryRowContext(ctx, "SELECT id, name, qty FROM items WHERE id = $1", id)\n\tvar it Item\n\tif err := row.Scan(&it.ID, &it.Name, &it.Qty); err != nil {\n\t\treturn nil, err\n\t}\n\treturn &it, nil\n}`,
  Java: `public List<Invoice> overdue(LocalDate today) {\n    return invoices.stream()\n        .filter(i -> i.getDueDate().isBefore(today) && !i.isPaid())\n        .sorted(Comparator.comparing(Invoice::getDueDate))\n        .collect(Collectors.toList());\n}`,
  SQL: `SELECT c.region, date_trunc('month', o.created_at) AS month, sum(o.total) AS revenue\nFROM orders o JOIN customers c ON c.id = o.customer_id\nWHERE o.created_at >= now() - interval '12 months'\nGROUP BY 1, 2\nORDER BY 1, 2;`,
};

const coding: Template[] = [
  (r) => {
    const lang = r.pick(LANGS);
    const ask = r.pick(["Can you review this and suggest improvements?", "Why is this slow on large inputs, and how would you fix it?", "Please add error handling and tests for this.", "Refactor this to be easier to read."]);
    return {
      topic: "code review",
      prompt: `${ask} It's part of ${r.pick(PRODUCTS)}.\n\n\`\`\`${lang.toLowerCase()}\n${CODE_SNIPPETS[lang]}\n\`\`\``,
      response: `A few suggestions for the ${lang} code:\n\n1. **Error handling** – wrap the I/O in a try/catch (or check the returned error) so one bad page or row does not abort the whole run; log the id that failed.\n2. **Performance** – the loop grows a list one item at a time; for large inputs stream the results or process them in chunks, and make sure the query is backed by an index on the filter column.\n3. **Readability** – give the magic values names and pull the parsing into a small helper that can be unit tested.\n\nFor tests, cover: an empty input, a single page, several pages, and a failure in the middle. Want me to write those tests?`,
    };
  },
  (r) => {
    const tool = r.pick(["GitHub Actions", "Terraform", "Docker Compose", "Kubernetes"]);
    return {
      topic: "devops",
      prompt: `How do I ${r.pick(["cache dependencies between runs", "pass a variable between two jobs", "pin a module version safely", "add a health check to a service", "roll back a failed deployment"])} in ${tool}? We use it for ${r.pick(PRODUCTS)} and the docs are confusing me.`,
      response: `In ${tool} the usual approach is to declare it explicitly rather than rely on defaults. Here is a minimal example you can adapt:\n\n\`\`\`yaml\n# sketch – adjust names and versions to your setup\nsteps:\n  - name: restore\n    uses: actions/cache@v4\n    with:\n      path: ~/.npm\n      key: deps-\${{ hashFiles('package-lock.json') }}\n\`\`\`\n\nKey points: keep the key tied to the lock file so it invalidates when dependencies change, keep secrets out of the cached paths, and document the rollback step in the runbook. Let me know which version you are on and I can tailor it.`,
    };
  },
  (r) => {
    const err = r.pick([
      "TypeError: Cannot read properties of undefined (reading 'map')",
      "psycopg2.errors.UniqueViolation: duplicate key value violates unique constraint \"orders_pkey\"",
      "java.lang.OutOfMemoryError: Java heap space",
      "panic: runtime error: invalid memory address or nil pointer dereference",
      "Error: connect ECONNREFUSED 127.0.0.1:5432",
    ]);
    return {
      topic: "debugging",
      prompt: `I'm getting this error in our ${r.pick(["staging", "local", "CI"])} environment since ${r.pick(COLLEAGUES)}'s last merge:\n\n${err}\n\nIt only happens when ${r.pick(["the order list is empty", "two jobs run at the same time", "the import file is over 200 MB", "the service starts before the database"])}. Any idea where to look?`,
      response: `That error usually means the code assumes something exists that, in this case, does not. Given that it only happens under that condition, I would check:\n\n- where the value is first read, and whether the empty/concurrent/large case is handled there;\n- whether the recent merge changed an initialisation order or a default;\n- the logs just before the failure for the input that triggered it.\n\nA quick way to confirm is to reproduce it with a minimal input in a unit test. If you paste the function around the failing line I can point at the exact fix.`,
    };
  },
  (r) => ({
    topic: "sql",
    prompt: `Write a SQL query that returns, for each ${r.pick(["customer", "warehouse", "sales rep", "product category"])}, the ${r.pick(["total revenue", "number of late deliveries", "average basket size", "refund rate"])} for ${r.pick(MONTHS)} compared with the previous month. Tables: orders(id, customer_id, created_at, total, status), customers(id, name, region).`,
    response: `Here is a version using a CTE and a window function:\n\n\`\`\`sql\nWITH monthly AS (\n  SELECT c.id, c.name, date_trunc('month', o.created_at) AS month,\n         sum(o.total) AS value\n  FROM orders o JOIN customers c ON c.id = o.customer_id\n  GROUP BY 1, 2, 3\n)\nSELECT name, month, value,\n       value - lag(value) OVER (PARTITION BY id ORDER BY month) AS change\nFROM monthly\nORDER BY name, month;\n\`\`\`\n\nFilter \`month\` to the two months you need. If "late" or "refund" come from the status column, add a \`FILTER (WHERE status = ...)\` to the aggregate.`,
  }),
  (r) => {
    const lang = r.pick(LANGS.filter((l) => l !== "SQL"));
    return {
      topic: "code generation",
      prompt: `Write a ${lang} function that ${r.pick(["parses an ISO 8601 duration like PT1H30M into seconds", "validates a UK postcode", "retries an HTTP call with exponential backoff", "splits a list into batches of N", "reads a CSV of invoices and sums the totals by supplier"])}. Include a couple of unit tests.`,
      response: `Here is a straightforward ${lang} implementation with tests. It keeps the logic in one small function so it is easy to reuse, validates its input, and raises a clear error message for anything it cannot handle. The tests cover the normal case, an edge case (empty or zero input) and invalid input. If you need it to handle time zones or very large inputs, tell me and I'll adjust it.`,
    };
  },
];

const email: Template[] = [
  (r) => {
    const customer = r.pick(CUSTOMERS);
    return {
      topic: "customer email",
      prompt: `Draft a polite email to ${customer} explaining that their ${r.pick(PRODUCTS)} renewal will go up by ${pct(r)} from ${r.pick(MONTHS)} because of ${r.pick(["higher hosting costs", "the new support tier", "currency changes", "added features"])}. Keep it under 200 words and offer a call with their account manager.`,
      response: `Subject: Your upcoming renewal\n\nDear ${customer} team,\n\nThank you for being a valued customer. I'm writing to let you know about a change to your renewal. From next term the subscription price will increase, reflecting investment in the service and changes in our costs. We know price changes are never welcome, and we want to make sure the plan still fits your needs.\n\nYour account manager would be glad to walk you through the details and discuss options on a short call – just reply with a couple of times that suit you.\n\nKind regards,\nNorthwind Traders`,
    };
  },
  (r, p) => ({
    topic: "internal email",
    prompt: `Help me write a short message to my team about ${r.pick(PROJECTS)}: we're moving the deadline by ${r.int(1, 3)} weeks because ${r.pick(["the vendor delivery slipped", "testing found more issues than expected", "two people are on leave", "scope changed after the steering meeting"])}. Tone: positive but honest. Sign off as ${p.name.split(" ")[0]}.`,
    response: `Hi all,\n\nQuick update: we're moving the deadline back a little. The reason is outside our control, and rather than cut corners we'd like to use the extra time to get it right. Nothing else changes about priorities this week; I'll share a revised plan by Friday. Thanks for all the work so far – it's been noticed.\n\n${p.name.split(" ")[0]}`,
  }),
  (r) => ({
    topic: "meeting follow-up",
    prompt: `Summarise these meeting notes into action items with owners:\n\n- ${r.pick(COLLEAGUES)} to check supplier quotes for ${r.pick(["pallets", "scanners", "laptops", "packaging"])}\n- budget for ${r.pick(PROJECTS)} still unclear, ${r.pick(COLLEAGUES)} to ask finance\n- next demo ${r.pick(MONTHS)} ${r.int(2, 27)}\n- need decision on ${r.pick(["vendor A vs B", "hiring a contractor", "the pilot region"])}\n- ${r.pick(COLLEAGUES)} shares slides by Thursday`,
    response: `Action items:\n\n1. Check supplier quotes – owner as noted – due before the next demo.\n2. Confirm the budget with finance – owner as noted – this week.\n3. Prepare the next demo – whole team – on the agreed date.\n4. Decide between the options – needs a decision owner; suggest the project lead.\n5. Share slides – owner as noted – by Thursday.\n\nOpen question: who owns the decision in item 4?`,
  }),
  (r) => ({
    topic: "translation",
    prompt: `Translate this into German for our partner in ${r.pick(["Hamburg", "Munich", "Vienna", "Zurich"])}, keep it formal: "We confirm receipt of your order ${r.int(10000, 99999)}. Delivery is planned for week ${r.int(10, 40)}. Please contact us if the delivery address has changed."`,
    response: `Here is a formal translation:\n\n"Wir bestätigen den Eingang Ihrer Bestellung. Die Lieferung ist für die angegebene Kalenderwoche geplant. Bitte kontaktieren Sie uns, falls sich die Lieferadresse geändert hat."\n\n(If you need another language version, let me know.)`,
  }),
];

const analysis: Template[] = [
  (r) => {
    const rows = Array.from({ length: r.int(4, 8) }, () => `${r.pick(CUSTOMERS)},${r.pick(["North", "South", "EMEA", "APAC"])},${r.int(10, 900)},${r.int(1, 40)}`);
    return {
      topic: "data analysis",
      prompt: `Here's an extract from our ${r.pick(["sales", "returns", "support ticket"])} report (customer,region,orders,issues). What stands out and what would you look into first?\n\ncustomer,region,orders,issues\n${rows.join("\n")}`,
      response: `A few observations:\n\n- Issue counts are not proportional to volume: some smaller customers have a high issue-per-order ratio, which is worth a look.\n- One region carries most of the volume, so averages across regions can mislead; compare ratios rather than totals.\n- With only a handful of rows, treat this as a lead rather than a conclusion.\n\nI would start with the customers with the highest issues-per-order and check whether the issues cluster around a product, a warehouse or a time period.`,
    };
  },
  (r) => ({
    topic: "market research",
    prompt: `Give me a short competitive overview of ${r.pick(["cloud point-of-sale systems for small retailers", "route-optimisation software for regional hauliers", "inventory analytics tools", "B2B payment platforms"])} in ${r.pick(["the UK", "Germany", "the Nordics", "Spain"])}: main players, pricing models, and where ${r.pick(PRODUCTS)} could differentiate.`,
    response: `Overview (based on general knowledge – please verify current pricing):\n\n**Main players**: a few large incumbents with broad suites, several fast-growing specialists, and local resellers.\n**Pricing models**: per-location monthly subscriptions are most common; some charge per transaction; enterprise deals are negotiated.\n**Where to differentiate**: faster onboarding, better offline support, transparent pricing, and integrations with the accounting tools small businesses already use.\n\nI'd suggest validating this with five or six customer interviews before positioning.`,
  }),
  (r) => ({
    topic: "spreadsheet",
    prompt: `In Excel, how do I ${r.pick(["look up a supplier's payment terms from another sheet when the IDs have trailing spaces", "count invoices per month from a date column", "highlight rows where the due date has passed and status isn't Paid", "build a pivot showing revenue by region and quarter"])}?`,
    response: `You can do this with a formula and no macros. For example, clean the key with TRIM inside XLOOKUP: \`=XLOOKUP(TRIM(A2), TRIM(Terms!A:A), Terms!C:C, "not found")\`. For dates, COUNTIFS with a start and end of month works well, and conditional formatting with a formula like \`=AND($D2<TODAY(), $E2<>"Paid")\` highlights overdue rows. Tell me your column layout and I'll write the exact formula.`,
  }),
  (r) => ({
    topic: "document summary",
    prompt: `Summarise the key points of our ${r.pick(["travel and expenses policy", "remote working guidelines", "information classification standard", "supplier code of conduct"])} for a new starter in ${r.int(5, 8)} bullet points. Plain English please.`,
    response: `Here's a plain-English summary:\n\n- Know which rules apply to you and where the full policy lives on the intranet.\n- Ask your manager before you commit to costs or share information outside the company.\n- Keep receipts and records; submit them on time.\n- Treat customer and employee information as confidential by default.\n- Report anything that looks wrong – there's no penalty for asking.\n\nThe full policy has the details and exceptions.`,
  }),
];

const hr: Template[] = [
  (r) => ({
    topic: "job description",
    prompt: `Write a job ad for a ${r.pick(["Warehouse Team Leader", "Junior Data Analyst", "Customer Success Manager", "Senior Backend Engineer", "Payroll Administrator"])} in ${r.pick(["Leeds", "Manchester", "Berlin", "remote (UK)"])}. Inclusive language, salary band ${money(r, 28000, 45000)}–${money(r, 50000, 85000)}, hybrid working, mention our learning budget.`,
    response: `**Join Northwind Traders**\n\nWe're looking for someone who enjoys solving practical problems with a friendly, collaborative team. You'll own day-to-day delivery, work closely with colleagues across the business, and help us improve how we work.\n\n**What we offer**: a competitive salary in the stated band, hybrid working, a personal learning budget, and a supportive team.\n\n**What you'll bring**: relevant experience or transferable skills, good communication, and curiosity. You don't need to tick every box – if this sounds like you, we'd love to hear from you.\n\nWe welcome applications from everyone and offer adjustments throughout the process.`,
  }),
  (r) => ({
    topic: "hr guidance",
    prompt: `How should a manager structure a ${r.pick(["probation review", "return-to-work conversation", "performance improvement discussion", "first one-to-one with a new report"])}? Give me an agenda and a few good questions to ask.`,
    response: `Suggested agenda:\n\n1. Purpose and tone – set a supportive context.\n2. What's going well – specific examples.\n3. What needs to change or what support is needed.\n4. Agree next steps, owners and a date to review.\n\nGood questions: "What's been the most useful support so far?", "What gets in your way?", "What would you like more or less of from me?". Write up the agreed points and share them afterwards.`,
  }),
  (r) => ({
    topic: "training",
    prompt: `Create a ${r.int(5, 10)}-question quiz for our ${r.pick(["phishing awareness", "data protection", "health and safety", "anti-bribery"])} refresher training, multiple choice with the correct answers marked.`,
    response: `Here is a short quiz:\n\n1. You get an unexpected email asking you to confirm your password. What do you do? a) Reply b) Click the link c) **Report it using the Report button**\n2. Which of these is personal data? a) **An employee's home address** b) Our office address c) A product SKU\n3. Who should you tell if you think data was sent to the wrong person? a) Nobody b) **The privacy team, straight away**\n\n…and so on. I can extend it to the full number of questions if you like.`,
  }),
];

const finance: Template[] = [
  (r) => ({
    topic: "budget",
    prompt: `Our ${r.pick(["marketing", "engineering", "operations", "support"])} budget for next year is ${money(r, 400000, 2500000)}. Last year we spent ${pct(r)} on contractors and overspent on ${r.pick(["travel", "software licences", "events", "cloud hosting"])}. Suggest how to structure the budget and which controls to add.`,
    response: `A simple structure: split the budget into committed costs (salaries, contracts), planned projects with owners, and a small contingency (5–10%). For the area that overspent, set a monthly cap, require approval above a threshold, and review actuals against plan every month. Track contractor spend separately so decisions to convert roles are visible. I can turn this into a template spreadsheet if useful.`,
  }),
  (r) => ({
    topic: "accounting",
    prompt: `Explain the difference between ${r.pick(["accrued and deferred revenue", "capex and opex for a software licence", "a credit note and a refund", "gross margin and contribution margin"])} with a simple example from a company like ours that sells ${r.pick(PRODUCTS)} subscriptions.`,
    response: `In short: the difference is about *when* the money is recognised versus *when* it moves. Example: a customer pays annually upfront for a subscription. The cash arrives in month one, but you recognise one twelfth of the revenue each month; the unrecognised part sits on the balance sheet until it's earned. The opposite case – you've delivered but not yet invoiced – is recorded as earned revenue with a receivable.`,
  }),
  (r) => ({
    topic: "forecast",
    prompt: `Revenue for the last six months was ${Array.from({ length: 6 }, () => money(r, 180000, 320000)).join(", ")}. Give me a simple forecast for the next quarter and explain the assumptions. No need to be precise.`,
    response: `A simple approach is to take the recent average and the trend. The series is noisy, so a flat-to-modest growth assumption is reasonable: next quarter roughly in line with the last three months, with a range of ±10% around it. Assumptions: no large new contracts or churn, seasonality similar to last year. If you have last year's monthly figures I can add a seasonal adjustment.`,
  }),
];

const legal: Template[] = [
  (r) => ({
    topic: "contract review",
    prompt: `What should I look out for in the ${r.pick(["limitation of liability", "termination for convenience", "data processing", "auto-renewal", "service level"])} clause of a SaaS contract with ${r.pick(CUSTOMERS)}? We're the supplier.`,
    response: `As the supplier you'll typically want: a clear cap (often 12 months' fees), exclusions for indirect loss, carve-outs only for what you can control, reasonable notice periods, and obligations that match what your service actually does. Check how the clause interacts with indemnities and with the data-processing terms. This is general information, not legal advice – the legal team should review the final wording.`,
  }),
  (r) => ({
    topic: "policy drafting",
    prompt: `Draft a short acceptable-use paragraph for employees using AI assistants such as ${r.pick(["ChatGPT Enterprise", "Microsoft 365 Copilot", "Claude"])}: what they may paste in, what not, and who to ask.`,
    response: `**Using AI assistants at Northwind**\n\nYou may use the approved AI assistants for everyday work such as drafting, summarising and coding help. Do not paste passwords, API keys, customer card details or personal data about colleagues or customers unless the tool and purpose have been approved for it. Check the output before you rely on it. If you are unsure, ask the privacy team or IT security before you share.`,
  }),
];

const sales: Template[] = [
  (r) => ({
    topic: "sales pitch",
    prompt: `I have a call with the ${r.pick(["COO", "Head of IT", "Finance Director", "Store Operations Manager"])} of ${r.pick(CUSTOMERS)} tomorrow. They're evaluating ${r.pick(PRODUCTS)} against a competitor. Give me five discovery questions and three objections I should prepare for.`,
    response: `Discovery questions:\n1. What prompted the evaluation now?\n2. How do you measure success in the first 90 days?\n3. Who else is involved in the decision?\n4. What does your current process cost you?\n5. What would make you stay with what you have?\n\nLikely objections: price ("the competitor is cheaper"), switching effort ("migration is risky"), and fit ("we need feature X"). Prepare a total-cost view, a migration plan with a reference customer, and an honest answer on the roadmap.`,
  }),
  (r) => ({
    topic: "marketing copy",
    prompt: `Write ${r.int(3, 5)} LinkedIn post ideas announcing ${r.pick(["our new offline mode", "a partnership with a payments provider", "our sustainability report", "a customer award"])} for ${r.pick(PRODUCTS)}. Friendly, not salesy.`,
    response: `Here are a few ideas:\n\n1. A short story from a customer who benefited, with a photo and a one-line takeaway.\n2. "Three things we learned building it" – a behind-the-scenes post from the team.\n3. A simple before/after graphic with a question to invite comments.\n\nEach can end with a light call to action, such as a link to the blog post.`,
  }),
];

const operations: Template[] = [
  (r) => ({
    topic: "process improvement",
    prompt: `Our ${r.pick(["goods-in", "returns", "invoice approval", "laptop provisioning"])} process takes about ${r.int(3, 12)} days end to end and people complain. Suggest a way to map it and find the bottlenecks.`,
    response: `Start by mapping the current process with the people who do it: each step, who does it, how long it waits before and after. Measure a sample of recent cases rather than relying on estimates. Bottlenecks are usually hand-offs and approvals, not the work itself. Then pick one or two changes (e.g. a threshold below which no approval is needed) and measure again after a month.`,
  }),
  (r) => ({
    topic: "vendor comparison",
    prompt: `Compare two quotes for ${r.pick(["forklift leasing", "office cleaning", "a print management service", "courier services"])}: Vendor A ${money(r, 20000, 60000)}/year with a ${r.int(1, 3)}-year lock-in, Vendor B ${money(r, 20000, 60000)}/year monthly rolling. What else should I ask before deciding?`,
    response: `Beyond price, ask both for: service levels and what happens when they're missed, what's included versus extra, price-increase terms, exit terms and notice, insurance, references from similar customers, and how they handle data if any. Compare total cost over the same period, including the cost of switching later. The cheaper headline price with a lock-in may not be cheaper once flexibility is valued.`,
  }),
];

const support: Template[] = [
  (r) => ({
    topic: "customer support",
    prompt: `A customer from ${r.pick(CUSTOMERS)} says ${r.pick(PRODUCTS)} ${r.pick(["logs them out every few minutes", "shows the wrong VAT on receipts", "won't sync after the latest update", "exports CSVs with broken characters"])}. Draft a reply that acknowledges the issue and asks for what we need to investigate.`,
    response: `Hi,\n\nThanks for letting us know, and sorry for the trouble. We'd like to get this fixed quickly. Could you send us:\n\n- the app version and device you're using,\n- roughly when it started and how often it happens,\n- a screenshot or the exact message you see.\n\nIn the meantime, signing out and back in may help. We'll update you as soon as we know more.\n\nBest regards,\nNorthwind Support`,
  }),
  (r) => ({
    topic: "knowledge base",
    prompt: `Turn these troubleshooting notes into a clear help-centre article: "${r.pick(["printer offline -> check usb, restart spooler, reinstall driver v3.2", "card reader not pairing -> bluetooth on, forget device, hold button 5s, pair again", "sync stuck -> check internet, clear cache in settings, log out/in"])}"`,
    response: `**Fixing the problem in three steps**\n\n1. Check the basics: make sure the device is connected and powered.\n2. Restart the relevant service or reset the connection as described.\n3. If it still doesn't work, reinstall or re-pair, then try again.\n\nStill stuck? Contact support with your device model and what you've tried.`,
  }),
];

const BY_DEPARTMENT: Record<Department, Template[][]> = {
  engineering: [coding, coding, analysis, email],
  sales: [sales, email, analysis],
  marketing: [sales, email, analysis],
  finance: [finance, analysis, email],
  hr: [hr, email, legal],
  legal: [legal, email, analysis],
  support: [support, email, analysis],
  operations: [operations, analysis, email],
  security: [coding, analysis, legal, email],
};

/** An ordinary work exchange fitting the person's job (mostly their own department's kind of work). */
export function workText(r: Random, person: Person): WorkText {
  const groups = r.chance(0.85) ? BY_DEPARTMENT[person.department] : [coding, email, analysis, hr, finance, legal, sales, operations, support];
  return r.pick(r.pick(groups))(r, person);
}
