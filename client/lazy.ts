// What the CLI loads only when a command needs it. Requiring the Temporal client costs about a
// quarter of a second, exceljs as much, docx a tenth: `rectify --help` and the commands that only
// read the database (ls, inbox, deliveries, report --format md) should not pay for them.
//
// require(), not import(): under tsc's CommonJS output and jest it is the same, but under tsx (the
// CLI run from the sources) import() goes through Node's ESM loader, which cannot find the
// extensionless TypeScript modules. Each loader is typed by the module it loads.
/* eslint-disable @typescript-eslint/no-require-imports */

export const temporalClient = () => require('@temporalio/client') as typeof import('@temporalio/client');
export const pgDatabase = () => require('../db/client') as typeof import('../db/client');
export const migrations = () => require('../db/migrate') as typeof import('../db/migrate');
export const actions = () => require('../services/actions') as typeof import('../services/actions');
export const campaigns = () => require('../services/campaigns') as typeof import('../services/campaigns');
export const evidence = () => require('../services/evidence') as typeof import('../services/evidence');
export const deliveries = () => require('../services/deliveries') as typeof import('../services/deliveries');
export const problemState = () => require('../services/problem-state') as typeof import('../services/problem-state');
export const repair = () => require('../services/repair') as typeof import('../services/repair');
export const definitions = () => require('../workflows/definitions') as typeof import('../workflows/definitions');
export const docx = () => require('../report/docx') as typeof import('../report/docx');
export const sheetImport = () => require('../spreadsheet/import') as typeof import('../spreadsheet/import');
export const sheetExport = () => require('../spreadsheet/export') as typeof import('../spreadsheet/export');
export const sheetTemplate = () => require('../spreadsheet/template') as typeof import('../spreadsheet/template');
