// The demo identity provider's users: one per app role, plus one whose groups map to no
// role (refused at sign-in). jane.doe and alex.chen are also people in the demo
// organization (IAM users tagged with these emails), so a review campaign shows
// segregation of duties: neither may decide on their own access.
export const DEMO_PASSWORD = "atlas-demo";

export type TDemoUser = { username: string; email: string; name: string; groups: string[] };

export const DEMO_USERS: TDemoUser[] = [
  { username: "ada.admin", email: "ada@acme.example", name: "Ada Admin", groups: ["atlas-admins"] },
  { username: "erin.audit", email: "erin@acme.example", name: "Erin Auditor", groups: ["atlas-auditors"] },
  { username: "jane.doe", email: "jane.doe@acme.example", name: "Jane Doe", groups: ["atlas-reviewers"] },
  { username: "alex.chen", email: "alex.chen@acme.example", name: "Alex Chen", groups: ["atlas-reviewers"] },
  { username: "victor.viewer", email: "victor@acme.example", name: "Victor Viewer", groups: ["atlas-viewers"] },
  { username: "nora.nobody", email: "nora@acme.example", name: "Nora Nobody", groups: ["contractors"] },
];

/** ROLE_MAP for the demo users' groups. */
export const DEMO_ROLE_MAP = "admin=atlas-admins,auditor=atlas-auditors,reviewer=atlas-reviewers,viewer=atlas-viewers";
