import type { RegisterStore } from './ports.ts';

export interface SearchIndexer {
  listProviders: RegisterStore['listProviders'];
  reindexProvider(providerId: string): Promise<number>;
}

/**
 * Make providers and locations stored before issue 16 searchable (a one-off backfill, safe to repeat).
 * Course: 1. page through every provider (the name-ordered list, 100 a page)  2. for each, write the
 *         index attributes and name words it lacks, a few providers at a time so the backfill paces
 *         itself (STYLE.md, "DynamoDB at the register's scale")  3. a second run writes nothing.
 */
export async function indexRegisterForSearch(
  store: SearchIndexer,
  options: { concurrency?: number } = {},
): Promise<{ providers: number; itemsWritten: number }> {
  const concurrency = options.concurrency ?? 4;
  let providers = 0;
  let itemsWritten = 0;
  let nextToken: string | undefined;
  do {
    const page = await store.listProviders({ limit: 100, nextToken });
    const ids = page.items.map((provider) => provider.providerId);
    for (let start = 0; start < ids.length; start += concurrency) {
      const written = await Promise.all(ids.slice(start, start + concurrency).map((id) => store.reindexProvider(id)));
      itemsWritten += written.reduce((sum, count) => sum + count, 0);
    }
    providers += ids.length;
    nextToken = page.nextToken ?? undefined;
  } while (nextToken);
  return { providers, itemsWritten };
}
