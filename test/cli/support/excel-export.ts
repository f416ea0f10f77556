/** The spreadsheet-shaped export of the validate tests, and what validate says of it. */
import { AREA_CODE_HINT, EMAIL_HINT } from './e2e.js';

export const EXCEL = 'excel-semicolon-bom-crlf.csv';
export const EXCEL_PROBLEMS = [
  // The record starts on line 5; its address holds a quoted CRLF, so the area code is on line 6.
  `${EXCEL}:6 Area Code (column 8): location_area_code is not a usable area code: it is ` +
    `an N11 service code (like 411 or 911) (value "911"). ${AREA_CODE_HINT}`,
  `${EXCEL}:7 Owner Email (column 4): owner_email is not a valid email address: it has ` +
    `no @ (value "corner.example"). ${EMAIL_HINT}`,
];
// Four customer records and one row of empty cells (read, then ignored); the blank lines are not records.
export const EXCEL_SUMMARY = '5 records: 3 customers, 1 valid, 2 rejected (2 problems).';
