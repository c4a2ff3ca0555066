import Taro from '@tarojs/taro';
import { browserDownload } from './browser-download';

/** Hands the printable report over: a download in the browser; in the mini-program the file opened for printing or forwarding. */
export async function savePdf(file: { filename: string; pdfBase64: string }): Promise<string> {
  if (process.env.TARO_ENV === 'h5') {
    const bytes = Uint8Array.from(atob(file.pdfBase64), (character) => character.charCodeAt(0));
    return browserDownload(file.filename, new Blob([bytes], { type: 'application/pdf' }));
  }
  const filePath = `${Taro.env.USER_DATA_PATH}/${file.filename}`;
  Taro.getFileSystemManager().writeFileSync(filePath, file.pdfBase64, 'base64');
  await Taro.openDocument({ filePath, fileType: 'pdf', showMenu: true });
  return '已打开报告，可从右上角菜单打印或转发';
}
