import type { Category } from '#domain';
import type { EventStore, RecordedEvent } from '#event-store';

const CATEGORIZED = 'ComplaintCategorized';

/** What is known of one complaint's category, as of the last event of its stream the feed passed. */
interface StreamCategory {
  revision: number;
  category: string | undefined;
}

/**
 * `?category=` filter. The rule: an event is sent when its complaint is in that category *as of the
 * event* — so a complaint's events before its first categorization are not sent, its categorization
 * into the category and every later event are, until a recategorization moves it elsewhere. That
 * recategorization is sent to both sides (to the old category's subscribers too, so they learn the
 * complaint left).
 *
 * The feed brings each stream's events in revision order, and the subscription always includes
 * ComplaintCategorized events when this filter is on, so a cached entry is kept current from the feed
 * itself; only a stream first met (or evicted) after its revision 0 costs one stream read. The cache
 * is a per-connection LRU of at most `capacity` streams (a few hundred bytes each).
 */
export class CategoryFilter {
  private readonly streams = new Map<string, StreamCategory>();

  constructor(
    private readonly store: EventStore,
    private readonly category: Category,
    private readonly capacity = 1000,
  ) {}

  /** Store-side type filter to use with this filter: categorizations must always come through. */
  static subscriptionTypes(types: ReadonlySet<string> | undefined): string[] | undefined {
    return types ? [...new Set([...types, CATEGORIZED])] : undefined;
  }

  async matches(event: RecordedEvent): Promise<boolean> {
    const before = await this.categoryBefore(event);
    const after = event.type === CATEGORIZED ? (event.data as { category?: string }).category : before;
    this.remember(event.streamName, { revision: event.revision, category: after });
    return after === this.category || before === this.category;
  }

  private async categoryBefore(event: RecordedEvent): Promise<string | undefined> {
    const cached = this.streams.get(event.streamName);
    if (cached && cached.revision < event.revision) return cached.category;
    if (event.revision === 0) return undefined;
    const earlier = await this.store.readStream(event.streamName, { toRevision: event.revision - 1 });
    const last = earlier.findLast((candidate) => candidate.type === CATEGORIZED);
    return (last?.data as { category?: string } | undefined)?.category;
  }

  private remember(stream: string, entry: StreamCategory): void {
    this.streams.delete(stream); // re-inserting moves it to the young end of the Map's order
    this.streams.set(stream, entry);
    if (this.streams.size > this.capacity) this.streams.delete(this.streams.keys().next().value!);
  }
}
