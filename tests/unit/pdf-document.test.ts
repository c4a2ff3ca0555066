import { renderPdf, writeFields, writeTable } from '../../shared/documents/pdf';
import { pdfPages } from '../support/pdf-text';

describe('printable Chinese PDF', () => {
  it('is a PDF whose Chinese text reads back, fields and table cells included', async () => {
    const pdf = await renderPdf({ title: '会议记录', author: '阿木尔林业局第一党支部' }, (doc) => {
      doc.fontSize(18).text('第一党支部委员会会议记录', { align: 'center' });
      writeFields(doc, [['时间', '2026年3月5日 14:30'], ['地点', '管护站会议室']]);
      writeTable(doc, ['姓名', '出席情况', '说明'], [['张守林', '出席', ''], ['李秀兰', '请假', '防火值班']], [0.3, 0.3, 0.4]);
    });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const [page] = await pdfPages(pdf);
    expect(page).toContain('第一党支部委员会会议记录');
    expect(page).toContain('管护站会议室');
    expect(page).toContain('李秀兰');
    expect(page).toContain('防火值班');
  });

  it('embeds only the glyphs used, so a one-page record stays small', async () => {
    const pdf = await renderPdf({ title: '介绍信' }, (doc) => doc.text('中国共产党党员组织关系介绍信'));
    expect(pdf.length).toBeLessThan(100_000);
  });

  it('continues a long table on new pages with its header repeated', async () => {
    const rows = Array.from({ length: 80 }, (_, i) => [`党员${i + 1}`, '出席', '']);
    const pdf = await renderPdf({ title: '签到表' }, (doc) => writeTable(doc, ['姓名', '出席情况', '说明'], rows));
    const pages = await pdfPages(pdf);
    expect(pages.length).toBeGreaterThan(1);
    expect(pages[1]).toContain('出席情况');
    expect(pages.join('')).toContain('党员80');
  });
});
