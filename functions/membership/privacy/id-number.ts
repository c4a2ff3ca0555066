/** Mainland resident ID numbers (GB 11643-1999): 17 digits and a check character. */
const ID_NUMBER = /^\d{17}[\dX]$/;
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export function normaliseIdNumber(value: string): string {
  return value.trim().toUpperCase();
}

/** Whether the check character matches (catches most typing mistakes before the number is sealed). */
export function isValidIdNumber(value: string): boolean {
  if (!ID_NUMBER.test(value)) return false;
  const sum = WEIGHTS.reduce((total, weight, index) => total + weight * Number(value[index]), 0);
  return CHECK[sum % 11] === value[17];
}

/** What every list and every role shows: the first three and last four characters, the rest starred. */
export function maskIdNumber(value: string): string {
  return `${value.slice(0, 3)}${'*'.repeat(Math.max(0, value.length - 7))}${value.slice(-4)}`;
}

/** Birth date and sex as the number states them (7th–14th digits; the 17th is odd for men). */
export function idNumberFacts(value: string): { birthDate: string; sex: 'male' | 'female' } {
  return { birthDate: `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`, sex: Number(value[16]) % 2 === 1 ? 'male' : 'female' };
}
