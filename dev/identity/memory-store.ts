import type { Adapter, AdapterPayload } from 'oidc-provider';

interface Entry {
  payload: AdapterPayload;
  /** Epoch ms; undefined = no expiry. */
  expiresAt: number | undefined;
}

/**
 * Storage for one provider instance. oidc-provider's bundled MemoryAdapter keeps one module-level
 * cache shared by every provider in the process and has no "clear": tests start several providers
 * and the revoke-all switch must drop every session, grant and token at once.
 */
export class MemoryStore {
  private readonly models = new Map<string, Map<string, Entry>>();

  private model(name: string): Map<string, Entry> {
    let entries = this.models.get(name);
    if (!entries) {
      entries = new Map();
      this.models.set(name, entries);
    }
    return entries;
  }

  /** The `adapter` option: oidc-provider calls it once per model name. */
  readonly adapterFor = (name: string): Adapter => {
    const entries = this.model(name);
    const live = (id: string): Entry | undefined => {
      const entry = entries.get(id);
      if (entry?.expiresAt !== undefined && entry.expiresAt <= Date.now()) {
        entries.delete(id);
        return undefined;
      }
      return entry;
    };
    const findBy = (key: 'uid' | 'userCode', value: string): AdapterPayload | undefined => {
      for (const [id, entry] of entries) {
        if (entry.payload[key] === value) return live(id)?.payload;
      }
      return undefined;
    };
    return {
      upsert: async (id, payload, expiresIn) => {
        entries.set(id, { payload, expiresAt: expiresIn ? Date.now() + expiresIn * 1000 : undefined });
      },
      find: async (id) => live(id)?.payload,
      findByUid: async (uid) => findBy('uid', uid),
      findByUserCode: async (userCode) => findBy('userCode', userCode),
      consume: async (id) => {
        const entry = live(id);
        if (entry) entry.payload.consumed = Math.floor(Date.now() / 1000);
      },
      destroy: async (id) => {
        entries.delete(id);
      },
      revokeByGrantId: async (grantId) => {
        for (const [id, entry] of entries) {
          if (entry.payload.grantId === grantId) entries.delete(id);
        }
      },
    };
  };

  /** Forget every session, interaction, grant, code and token. Registered clients are static config, not stored. */
  clear(): void {
    for (const entries of this.models.values()) entries.clear();
  }
}
