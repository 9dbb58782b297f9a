/** Secrets and personal data pasted into prompts in the course of ordinary work. */
import {
  fakeAwsAccessKeyId,
  fakeAwsSecretKey,
  fakeCardNumber,
  fakeGithubToken,
  fakeIban,
  fakeJwt,
  fakePassword,
  fakePerson,
  fakePrivateKey,
  fakeSlackBotToken,
  fakeSlackWebhook,
  fakeStripeKey,
} from "./fakes.js";
import { START_MS, type Corpus } from "./timeline.js";
import { gatewayFinding } from "./tools.js";

function developerCredentials(c: Corpus): void {
  const r = c.r;
  const s = c.scene("ben.carter", "credentials-env-file", "credential_in_prompt", "Pastes a .env file with an AWS key pair and a database password to debug a deployment, later a git remote URL with a GitHub token.");
  s.start(8, 10, 12).say("chatgpt-enterprise", {
    prompt: `Our container keeps failing to start in staging with "InvalidClientTokenId". Here's the .env it loads, can you see what's wrong?\n\nNODE_ENV=staging\nAWS_REGION=eu-west-2\nAWS_ACCESS_KEY_ID=${fakeAwsAccessKeyId(r)}\nAWS_SECRET_ACCESS_KEY=${fakeAwsSecretKey(r)}\nDATABASE_URL=postgres://orders_svc:${fakePassword(r)}@orders-db.staging.internal:5432/orders\nS3_BUCKET=nw-staging-exports`,
    response: "InvalidClientTokenId means AWS doesn't recognise the access key id: it has been deactivated, deleted, or belongs to another account or partition. Check the key's status in IAM and that the region/partition is right. More importantly, the key pair and the database password are now in this chat: rotate them, and move the service to an IAM role or a secrets manager so keys aren't in .env files at all.",
  });
  s.start(19, 15, 30).say("chatgpt-enterprise", {
    prompt: `git push keeps asking for my password even though I set the remote like this: https://bcarter-nw:${fakeGithubToken(r)}@github.com/northwind/orders-service.git — what am I doing wrong?`,
    response: "Embedding the token in the remote URL should work, so the prompt suggests the credential helper is overriding it or the token lacks the repo scope. That said, please don't keep tokens in remote URLs – they end up in shell history and .git/config. Revoke this token, create a fine-grained one, and use the Git Credential Manager or `gh auth login` instead.",
  });
  s.finish({ behaviourAlert: false, findingCategories: ["secret"] });
}

function opsCredentials(c: Corpus): void {
  const r = c.r;
  const s = c.scene("omar.farouk", "credentials-private-key-slack", "credential_in_prompt", "Pastes an SSH private key to ask why authentication fails, and a Slack bot token and webhook through the gateway, where the secret guardrail masks them.");
  s.start(30, 9, 5).say("anthropic-compliance", {
    prompt: `ssh to the bastion says "Load key: invalid format". This is the key file, is it corrupted?\n\n${fakePrivateKey(r, "OPENSSH")}`,
    response: "A private key is a secret, so I'd treat this one as exposed now: generate a new key pair and remove this public key from the bastion's authorized_keys. On the error itself: 'invalid format' usually means the file lost its final newline, has Windows line endings, or was copied with extra spaces. `ssh-keygen -y -f keyfile` is a quick way to check whether a key file parses.",
  });
  s.start(44, 14, 20).say("litellm", {
    prompt: `Why does this alerting script get "not_authed" from Slack?\n\nimport requests\nTOKEN = "${fakeSlackBotToken(r)}"\nWEBHOOK = "${fakeSlackWebhook(r)}"\nrequests.post("https://slack.com/api/chat.postMessage", headers={"Authorization": TOKEN}, json={"channel": "#ops-alerts", "text": "disk full"})`,
    response: "The Authorization header needs the word Bearer before the token: `headers={\"Authorization\": f\"Bearer {TOKEN}\"}`. Also load the token from an environment variable or a secret store rather than hard-coding it.",
    host: "eng-assistant",
    findings: [gatewayFinding({ guardrail: "secret-detection", category: "secret", label: "slack_token", action: "masked", score: 1 })],
  });
  s.finish({ behaviourAlert: false, findingCategories: ["secret"] });
}

function apiCredentials(c: Corpus): void {
  const r = c.r;
  const s = c.scene("nina.petrova", "credentials-jwt-stripe", "credential_in_prompt", "Pastes a live bearer JWT to have it decoded, and code with a Stripe live secret key.");
  const issuedAt = Math.floor((START_MS + 45 * 86_400_000) / 1000);
  s.start(45, 11, 0).say("chatgpt-enterprise", {
    prompt: `Can you decode this token and tell me why the billing API returns 403 for it?\n\nAuthorization: Bearer ${fakeJwt(r, "svc-invoice-sync", issuedAt)}`,
    response: "Decoded, the payload has subject 'svc-invoice-sync', audience 'billing-api' and the scopes 'invoices:read invoices:write'. A 403 (rather than 401) means the token is valid but not allowed: check whether the endpoint needs another scope, such as an admin or payments scope. Note that this is a live bearer token – anyone with it can call the API until it expires, so avoid pasting live tokens.",
  });
  s.start(58, 16, 45).say("anthropic-compliance", {
    prompt: `This refund job fails with "No such payment_intent". What's wrong?\n\nconst stripe = require("stripe")("${fakeStripeKey(r)}");\nasync function refund(id) {\n  return stripe.refunds.create({ payment_intent: id, reason: "requested_by_customer" });\n}\nrefund(process.argv[2]);`,
    response: "That error usually means the payment intent id belongs to a different Stripe account or mode (test vs live) than the key. Check the id's prefix and the account it came from. Separately, this is a live secret key hard-coded in the source – rotate it in the Stripe dashboard and read it from an environment variable.",
  });
  s.finish({ behaviourAlert: false, findingCategories: ["secret"] });
}

function hrPersonalData(c: Corpus): void {
  const r = c.r;
  const s = c.scene("farah.khan", "pii-employee-letters", "pii_in_prompt", "Pastes employee personal details (date of birth, home address, personal email and phone, bank IBAN) to draft HR letters.");
  for (const [day, hour] of [[12, 10], [27, 14], [55, 9]] as const) {
    const p = fakePerson(r);
    s.start(day, hour, r.int(0, 50)).say("chatgpt-enterprise", {
      prompt: `Draft a letter confirming the change of bank details for payroll for this employee:\n\nName: ${p.name}\nDate of birth: ${p.dateOfBirth}\nHome address: ${p.address}\nPersonal email: ${p.email}\nMobile: ${p.phone}\nNew IBAN: ${fakeIban(r)}\nEffective from next payroll run.`,
      response: `Dear ${p.name.split(" ")[0]},\n\nWe confirm that your bank details for salary payments have been updated as requested and will be used from the next payroll run. If you did not request this change, please contact the People team immediately.\n\nKind regards,\nPeople Team, Northwind Traders`,
    });
  }
  s.finish({ behaviourAlert: false, findingCategories: ["pii", "financial"] });
}

function financePaymentData(c: Corpus): void {
  const r = c.r;
  const s = c.scene("laura.bianchi", "pii-supplier-payments", "pii_in_prompt", "Pastes supplier bank details and customer card numbers to reconcile payments and refunds.");
  s.start(16, 11, 10).say("anthropic-compliance", {
    prompt: `Match these refunds to the card payments and tell me which are missing:\n\nPayments: ${Array.from({ length: 3 }, () => fakeCardNumber(r)).join("; ")}\nRefunds issued to: ${fakeCardNumber(r)}\nAmounts: £120.00, £89.99, £450.00`,
    response: "Comparing the lists, none of the refunds went to a card that appears in the payments list, so all three payments look unrefunded, and one refund went to a card with no matching payment. I'd check that refund first. For next time, the last four digits are enough to reconcile, and keep full card numbers out of chats.",
  });
  s.start(38, 15, 0).say("anthropic-compliance", {
    prompt: `A supplier emailed asking us to update their bank details to IBAN ${fakeIban(r)} (previously ${fakeIban(r)}). Draft a reply asking them to confirm by phone, their contact is ${fakePerson(r).phone}.`,
    response: "Here's a reply:\n\nThank you for letting us know. As part of our fraud-prevention process we verify all changes of bank details by phone with a known contact before updating our records. We'll call you on the number we hold on file; until then, payments continue to the existing account.\n\n(Tip: call the number already on file, not the one in the email – change-of-bank-details requests are a common fraud.)",
  });
  s.finish({ behaviourAlert: false, findingCategories: ["pii", "financial"] });
}

function supportCustomerData(c: Corpus): void {
  const r = c.r;
  const s = c.scene("ines.duarte", "pii-customer-contacts", "pii_in_prompt", "Pastes customer names, emails and phone numbers through the gateway, where the PII guardrail masks them.");
  for (const [day, hour] of [[21, 13], [49, 10]] as const) {
    const customers = Array.from({ length: 3 }, () => fakePerson(r));
    s.start(day, hour, r.int(0, 50)).say("litellm", {
      prompt: `Write a short apology email template for the outage yesterday and personalise it for these customers:\n${customers.map((p) => `${p.name} <${p.email}>, ${p.phone}`).join("\n")}`,
      response: "Here is a template with a personalised greeting for each customer:\n\nHi [first name],\n\nI'm sorry for the disruption you experienced yesterday. The issue has been fixed and we've added monitoring to catch it earlier. If anything still isn't working as expected, reply to this email and we'll help straight away.\n\nBest regards,\nNorthwind Support",
      host: "support-assistant",
      findings: [gatewayFinding({ guardrail: "presidio-pii", category: "pii", label: "EMAIL_ADDRESS", action: "masked", score: 1 }), gatewayFinding({ guardrail: "presidio-pii", category: "pii", label: "PHONE_NUMBER", action: "masked", score: 0.85 })],
    });
  }
  s.finish({ behaviourAlert: false, findingCategories: ["pii"] });
}

export function seedSensitiveData(c: Corpus): void {
  developerCredentials(c);
  opsCredentials(c);
  apiCredentials(c);
  hrPersonalData(c);
  financePaymentData(c);
  supportCustomerData(c);
}
