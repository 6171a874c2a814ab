/** "3 minutes ago", "2 days ago": how long ago, roughly, as a person says it. */
export function relativeTime(time: Date, now: Date = new Date()): string {
  const seconds = Math.round((now.getTime() - time.getTime()) / 1000);
  if (seconds < 45) return 'just now';
  const steps: [number, string][] = [[60, 'minute'], [3600, 'hour'], [86400, 'day'], [2_592_000, 'month'], [31_536_000, 'year']];
  let unit = 'second';
  let value = seconds;
  for (const [size, name] of steps) {
    if (seconds < size) break;
    unit = name;
    value = Math.round(seconds / size);
  }
  return `${value} ${unit}${value === 1 ? '' : 's'} ago`;
}

/** The local date and time, as the user's locale writes it. */
export function localTime(time: Date): string {
  return time.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
}
