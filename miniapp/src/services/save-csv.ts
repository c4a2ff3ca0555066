import Taro from '@tarojs/taro';
import type { CsvExport } from '@shared/api';
import { browserDownload } from './browser-download';

/**
 * Hands an exported CSV to the organiser: a download in the browser; in the mini-program a file shared to a
 * chat (where it opens in a spreadsheet), or copied when sharing files is not available.
 */
export async function saveCsv(file: CsvExport): Promise<string> {
  if (process.env.TARO_ENV === 'h5') {
    return browserDownload(file.filename, new Blob([file.csv], { type: 'text/csv;charset=utf-8' }));
  }
  try {
    const filePath = `${Taro.env.USER_DATA_PATH}/${file.filename}`;
    Taro.getFileSystemManager().writeFileSync(filePath, file.csv, 'utf8');
    await Taro.shareFileMessage({ filePath, fileName: file.filename });
    return '已发送表格文件';
  } catch {
    await Taro.setClipboardData({ data: file.csv });
    return '已复制表格内容，可粘贴到电子表格中';
  }
}
