/**
 * The export the secrets campaign feeds every command: plain customers, one
 * whose premium area code (900) the API refuses (so runs end partial and
 * failures reach status, reports and retry-failed), one rejected by
 * validation. Exports: `writeCanaryExport`.
 */
import { writeFileSync } from 'node:fs';

const HEADER =
  'customer_id,org_name,owner_external_id,owner_email,owner_name,location_name,location_address,location_area_code';

/**
 * Writes `customers` good customers (prefix `prefix`), plus one refused and
 * one rejected unless `goodOnly`.
 */
export function writeCanaryExport(
  path: string,
  prefix: string,
  customers: number,
  goodOnly = false,
): void {
  const rows = [HEADER];
  for (let index = 1; index <= customers; index += 1) {
    const id = `${prefix}-${String(index).padStart(3, '0')}`;
    rows.push(
      `${id},Shop ${id},own-${id},${id}@shop.example,Owner ${id},Store ${id},${index} High St,617`,
    );
  }
  if (goodOnly) {
    writeFileSync(path, `${rows.join('\n')}\n`);
    return;
  }
  rows.push(
    `${prefix}-900,Shop ${prefix} premium,own-${prefix}-900,p@shop.example,Owner P,Store P,9 High St,900`,
  );
  rows.push(`${prefix}-bad,Shop ${prefix} bad,own-${prefix}-bad,not-an-email,Owner B,,,`);
  writeFileSync(path, `${rows.join('\n')}\n`);
}
