const PAGE = 500;

/**
 * Hands every document whose id starts with `prefix` to `each`, reading a page at a time, so memory
 * stays bounded however many the replica holds (a hall's notices or bookings over years).
 */
export async function eachWithPrefix(
  db: PouchDB.Database,
  prefix: string,
  each: (id: string, doc: object | undefined) => void,
  page = PAGE,
): Promise<void> {
  let startkey = prefix;
  let skip = 0;
  for (;;) {
    const { rows } = await db.allDocs({ include_docs: true, startkey, endkey: `${prefix}\uffff`, limit: page, skip });
    for (const row of rows) each(row.id, row.doc);
    if (rows.length < page) return;
    startkey = rows.at(-1)!.id;
    skip = 1;
  }
}
