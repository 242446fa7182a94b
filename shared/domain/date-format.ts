/**
 * A date formatter made on its first use, not at import. The first formatter a process makes with a
 * time zone loads the time zone data: ~12 ms of CPU that every cold start paid at import, before any
 * request needed a date in words or a London day (issue 17). Made once, then reused.
 */
export function dateFormat(locale: string, options: Intl.DateTimeFormatOptions): () => Intl.DateTimeFormat {
  let format: Intl.DateTimeFormat | undefined;
  return () => {
    format ??= new Intl.DateTimeFormat(locale, options);
    return format;
  };
}
