/**
 * A reader that asks the store once per id for the length of a run: a holder has many meetings, a
 * provider many reminders (at 10x the overdue sweep reads 200 staff, not 5,200).
 */
export function readOnce<T>(load: (id: string) => Promise<T>): (id: string) => Promise<T> {
  const known = new Map<string, Promise<T>>();
  return (id) => {
    const found = known.get(id) ?? load(id);
    known.set(id, found);
    return found;
  };
}
