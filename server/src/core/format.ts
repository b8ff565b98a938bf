/** 12345 → "12,345" (without Intl: its first use costs more than a whole check). */
export function thousands(value: number): string {
  return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
