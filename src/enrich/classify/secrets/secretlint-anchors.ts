/**
 * For each rule of the recommended preset (v11), literals of which every report contains one: the
 * fixed prefix or key name its patterns require. A lint call costs far more than a scan for these,
 * and most texts hold none, so secretlint runs only when one occurs. The GCP rule reads `.json`
 * and `.p12` files only and never runs on our `.txt` source; the comment filter reports nothing.
 * A test checks that this table names every rule of the installed preset.
 */
export const SECRETLINT_ANCHORS: Readonly<Record<string, readonly string[]>> = {
  // Only the secret-access-key check runs by default (the ID checks need `enableIDScanRule`); its
  // pattern is `secret_?access_?key` in any of three casings.
  "@secretlint/secretlint-rule-aws": ["secret_access_key", "secretaccesskey", "secret_accesskey", "secretaccess_key"],
  "@secretlint/secretlint-rule-gcp": [],
  "@secretlint/secretlint-rule-npm": ["x-oauth-basic", "_authToken=", "npm_"],
  "@secretlint/secretlint-rule-slack": ["xox", "xapp-", "hooks.slack.com"],
  "@secretlint/secretlint-rule-basicauth": ["://"],
  "@secretlint/secretlint-rule-openai": ["T3BlbkFJ"],
  "@secretlint/secretlint-rule-anthropic": ["sk-ant-api0"],
  "@secretlint/secretlint-rule-linear": ["lin_api_"],
  "@secretlint/secretlint-rule-privatekey": ["PRIVATE KEY"],
  "@secretlint/secretlint-rule-sendgrid": ["SG."],
  "@secretlint/secretlint-rule-shopify": ["shppa_", "shpca_", "shpat_", "shpss_"],
  "@secretlint/secretlint-rule-github": ["ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"],
  "@secretlint/secretlint-rule-1password": ["ops_ey"],
  "@secretlint/secretlint-rule-database-connection-string": ["mongodb", "mysql", "postgres"],
  "@secretlint/secretlint-rule-filter-comments": [],
};
/** Every literal of the table: one of them must occur before secretlint is worth a call. */
export const SECRETLINT_LITERALS: readonly string[] = Object.values(SECRETLINT_ANCHORS).flat();
