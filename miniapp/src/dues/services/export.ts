import Taro from '@tarojs/taro';
import { browserDownload } from '../../services/browser-download';

/**
 * Hands finance the CSV: a download in the browser (H5); in the mini-program, where files cannot be saved
 * directly, it goes to the clipboard to paste into a spreadsheet or a chat.
 */
export async function deliverCsv(filename: string, csv: string): Promise<string> {
  if (process.env.TARO_ENV === 'h5') {
    return browserDownload(filename, new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  }
  await Taro.setClipboardData({ data: csv });
  return '报表内容已复制，可粘贴到表格或发送给财务';
}
