import { ATTENDANCE_LABELS, AUDIENCE_LABELS, MEETING_TYPE_LABELS } from '../../shared/api/org-life';
import { renderPdf, writeFields, writeTable } from '../../shared/documents/pdf';
import type { Caller } from '../../shared/runtime/session';
import { assertManages } from './access';
import { branchName, requireBundle } from './meetings';
import { attendanceLines, shanghaiDateTime } from './views';

/**
 * The printable 会议记录 of one meeting: what a branch files and reads back — who attended, who was absent and
 * why, the minutes and the resolutions with their follow-up. Rendered for the meeting's managers.
 */
export async function meetingPdf(caller: Caller, id: string): Promise<{ filename: string; contentType: 'application/pdf'; base64: string }> {
  const { meeting, attendance, tasks } = await requireBundle(id);
  assertManages(caller, meeting.branchId);
  const branch = await branchName(meeting.branchId);
  const lines = attendanceLines(meeting, attendance);
  const present = lines.filter((line) => line.status === 'present');
  const away = lines.filter((line) => line.status !== 'present');
  const title = `${branch}${MEETING_TYPE_LABELS[meeting.type]}会议记录`;
  const pdf = await renderPdf({ title, author: branch, createdAt: new Date(meeting.recordedAt ?? meeting.createdAt) }, (doc) => {
    doc.fontSize(16).text(title, { align: 'center' });
    doc.moveDown();
    writeFields(doc, [
      ['会议类型', MEETING_TYPE_LABELS[meeting.type]],
      ['议题', meeting.topic],
      ['时间', `${shanghaiDateTime(meeting.startAt)} 至 ${shanghaiDateTime(meeting.endAt)}`],
      [meeting.online ? '线上方式' : '地点', meeting.place],
      ['参会范围', AUDIENCE_LABELS[meeting.audience]],
      ['主持/记录', meeting.plannedBy.name],
      ['应到', `${lines.length} 人，实到 ${present.length} 人`],
      ['出席', present.map((line) => line.name).join('、') || '无'],
    ]);
    doc.moveDown();
    doc.fontSize(13).text('缺席及原因');
    writeTable(
      doc,
      ['姓名', '情况', '原因', '补学'],
      away.map((line) => [line.name, ATTENDANCE_LABELS[line.status], line.leaveReason ?? '', line.makeupNote ?? '']),
      [0.2, 0.2, 0.3, 0.3],
    );
    doc.fontSize(13).text('会议记录');
    doc.fontSize(11).text(meeting.minutes ?? '（尚未记录）');
    doc.moveDown();
    doc.fontSize(13).text('决议及落实');
    writeTable(
      doc,
      ['决议', '任务', '负责人', '完成日期', '状态'],
      meeting.resolutions.map((resolution) => {
        const task = tasks.find((t) => t.resolutionId === resolution.id);
        return [resolution.text, task?.title ?? '', task?.ownerName ?? '', task?.dueDate ?? '', task ? (task.status === 'done' ? '已办结' : '办理中') : ''];
      }),
      [0.35, 0.25, 0.12, 0.15, 0.13],
    );
  });
  return { filename: `${title}-${meeting.startAt.slice(0, 10)}.pdf`, contentType: 'application/pdf', base64: pdf.toString('base64') };
}
