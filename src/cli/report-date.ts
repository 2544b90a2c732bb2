/**
 * The day a plan's report is dated: SOURCE_DATE_EPOCH when set, for output
 * that a rebuild reproduces byte for byte, else today by the command's clock.
 * In the CLI, as the core reads no clock.
 */

export type ReportDate =
  { readonly ok: true; readonly date: string } | { readonly ok: false; readonly message: string };

/**
 * The plan date, day resolution in UTC: SOURCE_DATE_EPOCH when set, else the
 * clock's now. SOURCE_DATE_EPOCH is the reproducible-builds convention, a
 * whole number of seconds since 1970-01-01 00:00:00 UTC
 * (https://reproducible-builds.org/docs/source-date-epoch/ and the spec it
 * links); a malformed value is refused, never silently replaced by today.
 */
export function reportDate(sourceDateEpoch: string | undefined, now: Date): ReportDate {
  if (sourceDateEpoch === undefined || sourceDateEpoch === '')
    return { ok: true, date: now.toISOString().slice(0, 10) };
  const seconds = /^\d{1,12}$/.test(sourceDateEpoch) ? Number(sourceDateEpoch) : Number.NaN;
  const date = new Date(seconds * 1000);
  if (!Number.isSafeInteger(seconds) || Number.isNaN(date.getTime()))
    return {
      ok: false,
      message: `SOURCE_DATE_EPOCH is ${JSON.stringify(sourceDateEpoch)}: set it to a whole number of seconds since 1970-01-01 UTC (e.g. $(git log -1 --format=%ct)), or unset it to date the report today`,
    };
  return { ok: true, date: date.toISOString().slice(0, 10) };
}
