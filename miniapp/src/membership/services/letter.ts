import Taro from '@tarojs/taro';

/**
 * Hands the printable 介绍信 to the phone: a download in the browser, the system's document viewer in the
 * mini-program (from where it is printed or forwarded to a computer).
 */
export async function openLetter(filename: string, pdfBase64: string): Promise<void> {
  if (process.env.TARO_ENV === 'h5') {
    const link = document.createElement('a');
    link.href = `data:application/pdf;base64,${pdfBase64}`;
    link.download = filename;
    link.click();
    return;
  }
  const path = `${Taro.env.USER_DATA_PATH}/${filename}`;
  Taro.getFileSystemManager().writeFileSync(path, pdfBase64, 'base64');
  await Taro.openDocument({ filePath: path, fileType: 'pdf', showMenu: true });
}
