/**
 * A GOV.UK date input's three fields as a day (YYYY-MM-DD), or what is wrong with them in words, as
 * the Design System's date input pattern asks: "must be a real date", "must include a month".
 */
export type DayField = { kind: 'day'; day: string } | { kind: 'empty' } | { kind: 'problem'; text: string };

export function dayFromFields(form: URLSearchParams, prefix: string, label: string): DayField {
  const part = (name: string) => (form.get(`${prefix}-${name}`) ?? '').trim();
  const [day, month, year] = [part('day'), part('month'), part('year')];
  if (!day && !month && !year) return { kind: 'empty' };
  const missing = [!day && 'day', !month && 'month', !year && 'year'].filter(Boolean);
  if (missing.length > 0) return { kind: 'problem', text: `${label} must include a ${missing.join(' and a ')}` };
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) {
    return { kind: 'problem', text: `${label} must be a real date, for example 27 3 2027` };
  }
  const candidate = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  const parsed = new Date(`${candidate}T12:00:00Z`);
  if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== candidate) {
    return { kind: 'problem', text: `${label} must be a real date, for example 27 3 2027` };
  }
  if (candidate < '2000-01-01' || candidate > '2099-12-31') {
    return { kind: 'problem', text: `${label} must be a day from 2000 to 2099` };
  }
  return { kind: 'day', day: candidate };
}
