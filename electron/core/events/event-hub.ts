/** Fans the core's events out to every front door listening (a window, a WebSocket, a test). */
import type { EventName, EventPayloads, EventSink } from '../../../shared/contract';

export class EventHub {
  private readonly sinks = new Set<EventSink>();

  subscribe(sink: EventSink): () => void {
    this.sinks.add(sink);
    return () => this.sinks.delete(sink);
  }

  emit<E extends EventName>(event: E, payload: EventPayloads[E]): void {
    for (const sink of this.sinks) {
      try {
        sink(event, payload);
      } catch {
        // One broken listener (a closed window) must not starve the others.
      }
    }
  }
}
