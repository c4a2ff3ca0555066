import Taro from '@tarojs/taro';

/**
 * Hands finance the CSV: a download in the browser (H5); in the mini-program, where files cannot be saved
 * directly, it goes to the clipboard to paste into a spreadsheet or a chat.
 */
export async function deliverCsv(filename: string, csv: string): Promise<string> {
  if (process.env.TARO_ENV === 'h5') {
    const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = filename;
    link.click();
    URL.revokeObjectURL(url);
    return `已下载 ${filename}`;
  }
  await Taro.setClipboardData({ data: csv });
  return '报表内容已复制，可粘贴到表格或发送给财务';
}
