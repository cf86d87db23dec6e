// What the 50,000-row ledger benchmarks share: the ledger as the CSV a user
// would import, and the page opened on 整改台账.
import { click, launch, rect, waitReady } from '../e2e/helpers.mjs';

// The official header row, 序号 first.
export const LEDGER_HEADER = ['序号', '问题类型', '问题性质', '问题表述', '整改措施', '完成时限', '责任单位'];

// The rows (from district_data.mjs ledgerRows) as a UTF-8 CSV with BOM under the official header.
export function ledgerCsv(rows) {
  return '\ufeff' + [LEDGER_HEADER, ...rows.map((r, i) => [i + 1, ...r])].map((r) => r.join(',')).join('\r\n') + '\r\n';
}

// A fresh browser (launch options merged in) on the app, today 2022-06-15,
// showing 整改台账; file choosers are handed to the script.
export async function openLedgerPage(server, options = {}) {
  const b = await launch({ viewport: { width: 1366, height: 768 }, ...options });
  b.page.on('filechooser', () => {});
  await b.page.goto(server.url + '?today=2022-06-15');
  await waitReady(b.page);
  await click(b.page, 'nav.ledger');
  await rect(b.page, 'ledger.new');
  return b;
}
