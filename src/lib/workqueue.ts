/** Thrown by `WorkQueue.run` when the queue is full: the caller answers "busy, retry shortly". */
export class QueueFull extends Error {
  constructor() {
    super("work queue full");
  }
}

/**
 * Runs at most `concurrency` tasks at a time; up to `maxWaiting` more wait their turn in order,
 * and beyond that `run` refuses at once. For work that takes a lot of memory or CPU each
 * (password hashing), so that a burst of requests waits or is turned away instead of running all
 * at once.
 */
export class WorkQueue {
  private active = 0;
  private waiting: (() => void)[] = [];

  constructor(
    readonly concurrency: number,
    readonly maxWaiting: number,
  ) {}

  /** How many tasks wait for a place. */
  get queued(): number {
    return this.waiting.length;
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.concurrency) {
      if (this.waiting.length >= this.maxWaiting) throw new QueueFull();
      // The finishing task hands its slot over, so `active` stays counted.
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.active++;
    }
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }
}
