import {
  DEFAULT_SUPERVISION_SETTINGS,
  SUPERVISION_SETTINGS_ID,
  type Actor,
  type SupervisionSettings,
  type SupervisionSettingsDoc,
} from '../../sync/index.js';
import type { ReferenceData } from '../store/reference-data.js';

/**
 * The district's supervision settings (time to rate, follow-up days, score weights) as this node
 * holds them: a public document the district publishes, followed with the rest of the district's
 * reference data; the defaults until it is published.
 */
export class SupervisionSettingsStore {
  constructor(
    private readonly db: PouchDB.Database,
    private readonly reference: ReferenceData,
  ) {}

  /** The settings in force here. */
  get current(): SupervisionSettings {
    return this.reference.supervisionSettings?.settings ?? DEFAULT_SUPERVISION_SETTINGS;
  }

  /** Who published the settings in force and when; undefined while the defaults apply. */
  get published(): { at: string; by: Actor } | undefined {
    const doc = this.reference.supervisionSettings;
    return doc ? { at: doc.at, by: doc.author } : undefined;
  }

  /** Publishes new settings (the district only: the hub refuses public documents from anyone else). */
  async publish(
    settings: SupervisionSettings,
    district: string,
    author: Actor,
    now: Date,
  ): Promise<SupervisionSettingsDoc> {
    for (let attempt = 0; ; attempt++) {
      const held = await this.db.get<SupervisionSettingsDoc>(SUPERVISION_SETTINGS_ID).catch(() => undefined);
      const doc: SupervisionSettingsDoc = {
        _id: SUPERVISION_SETTINGS_ID,
        ...(held?._rev ? { _rev: held._rev } : {}),
        type: 'settings',
        scope: district,
        parties: [district],
        author,
        at: now.toISOString(),
        settings,
      };
      try {
        const res = await this.db.put(doc);
        const saved = { ...doc, _rev: res.rev };
        // In force here at once; the changes feed brings the same document a moment later.
        this.reference.supervisionSettings = saved;
        return saved;
      } catch (err) {
        if ((err as { status?: number }).status !== 409 || attempt >= 3) throw err;
      }
    }
  }
}
