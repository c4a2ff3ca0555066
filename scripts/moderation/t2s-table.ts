import * as OpenCC from 'opencc-js';

/**
 * The traditional → simplified character table of OpenCC (Taiwan and Hong Kong variants to mainland
 * simplified), one character at a time. Characters are converted separated by newlines so OpenCC's
 * phrase dictionary never joins neighbours; conversions that leave the BMP are left out (the matcher
 * works on UTF-16 code units).
 */
export function openccCharPairs(): Array<[string, string]> {
  const fromTaiwan = OpenCC.Converter({ from: 'tw', to: 'cn' });
  const fromHongKong = OpenCC.Converter({ from: 'hk', to: 'cn' });
  const chars: string[] = [];
  for (const [first, last] of [[0x3400, 0x4dbf], [0x4e00, 0x9fff], [0xf900, 0xfaff]] as const) {
    for (let code = first; code <= last; code += 1) chars.push(String.fromCharCode(code));
  }
  const converted = fromHongKong(fromTaiwan(chars.join('\n'))).split('\n');
  const pairs: Array<[string, string]> = [];
  chars.forEach((char, index) => {
    const simplified = converted[index];
    if (simplified !== undefined && simplified !== char && simplified.length === 1) pairs.push([char, simplified]);
  });
  return pairs;
}
