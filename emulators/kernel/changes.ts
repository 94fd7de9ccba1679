/**
 * What changed in the sandbox, by topic, for whoever watches: the inspector page
 * (live updates over Server-Sent Events) and persistence (write the state file).
 */
export type ChangeTopic = 'state' | 'journal' | 'webhooks' | 'clock' | 'faults' | 'scenarios';

type Listener = (topic: ChangeTopic) => void;

export class ChangeFeed {
  #listeners = new Set<Listener>();

  emit(topic: ChangeTopic): void {
    for (const listener of this.#listeners) {
      try {
        listener(topic);
      } catch {
        // A failing watcher must not break the request that caused the change.
      }
    }
  }

  on(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
