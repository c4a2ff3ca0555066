import type { Letter } from '../../shared/api/membership';
import { renderPdf, writeFields, type PdfDocument } from '../../shared/documents/pdf';
import { AppError } from '../../shared/runtime/app-error';
import type { Caller } from '../../shared/runtime/session';
import { managesBranch } from './access';
import { readIdNumber } from './people';
import { requireTransfer } from './transfers';

/**
 * The printable 介绍信, one form in three parts (一式三联): the stub the sending committee keeps, the letter the
 * member carries, and the receipt the receiving organisation sends back within a month. The paper letter carries the
 * whole ID number, so printing it is a whole-ID read and is audited like any other.
 */
const cn = (date: string) => `${date.slice(0, 4)}年${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;
const cnMonth = (month: string) => `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`;

function part(doc: PdfDocument, title: string, number: string): void {
  doc.fontSize(16).text(title, { align: 'center' });
  doc.fontSize(10).text(`第 ${number} 号`, { align: 'right' });
  doc.moveDown(0.6);
}

function cutLine(doc: PdfDocument, label: string): void {
  doc.moveDown(0.8);
  doc.fontSize(9).fillColor('#666666').text(`- - - - - - - - - - - - - - - - - - ${label} - - - - - - - - - - - - - - - - - -`, { align: 'center' });
  doc.fillColor('#000000').moveDown(0.8);
}

export function renderLetter(letter: Letter, idNumber: string, createdAt: Date): Promise<Buffer> {
  const dues = letter.duesPaidUpTo ? cnMonth(letter.duesPaidUpTo) : '（无缴纳记录）';
  return renderPdf({ title: `党员组织关系介绍信 ${letter.number}`, author: letter.from, createdAt }, (doc) => {
    part(doc, '中国共产党党员组织关系介绍信（存根）', letter.number);
    writeFields(doc, [
      ['姓名', `${letter.name}（${letter.sex}，${letter.ethnicity}，${letter.age}岁）`],
      ['党员类别', letter.standing],
      ['组织关系', `由 ${letter.from} 转到 ${letter.to}`],
      ['党费交至', dues],
      ['有效期', `${letter.validityDays} 天（至 ${cn(letter.validUntil)}）`],
      ['开具日期', cn(letter.issuedOn)],
    ]);
    cutLine(doc, '骑缝');

    part(doc, '中国共产党党员组织关系介绍信', letter.number);
    doc.fontSize(11).text(`${letter.to}：`);
    doc.text(
      `    兹介绍 ${letter.name} 同志（${letter.sex}，${letter.age}岁，${letter.ethnicity}，身份证号码 ${idNumber}）系中共${letter.standing}，` +
        `组织关系由 ${letter.from} 转到你处，请接洽。该同志党费已交到 ${dues}。`,
    );
    doc.text(`    （有效期 ${letter.validityDays} 天）`);
    doc.moveDown(0.5);
    writeFields(doc, [
      ['党员联系方式', letter.contact],
      ['党委通讯地址及电话', letter.senderAddress],
    ]);
    doc.text(`${letter.from}（盖章）    ${cn(letter.issuedOn)}`, { align: 'right' });
    cutLine(doc, '回执');

    part(doc, '中国共产党党员组织关系介绍信回执', letter.number);
    doc.fontSize(11).text(`${letter.from}：`);
    doc.text(`    ${letter.name} 同志的党员组织关系已转达我处。请于一个月内寄回本回执。`);
    doc.moveDown(0.5);
    doc.text('接收党组织（盖章）          年    月    日', { align: 'right' });
  });
}

/** The sending secretary prints the letter of an issued (or closed) transfer. */
export async function letterPdf(caller: Caller, transferId: string, now = new Date()): Promise<{ filename: string; pdfBase64: string }> {
  const transfer = await requireTransfer(transferId);
  if (!managesBranch(caller, transfer.fromBranchId)) throw new AppError(403, 'TRANSFER_NOT_MANAGED');
  if (!transfer.letter) throw new AppError(409, 'TRANSFER_STATE', '介绍信尚未开具');
  const { idNumber } = await readIdNumber(caller, transfer.userId, `打印介绍信 ${transfer.letter.number}`, now, transfer.fromBranchId);
  const pdf = await renderLetter(transfer.letter, idNumber, new Date(transfer.decidedAt ?? transfer.updatedAt));
  return { filename: `党员组织关系介绍信-${transfer.letter.number}-${transfer.name}.pdf`, pdfBase64: pdf.toString('base64') };
}
