import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { QueueFull, WorkQueue } from "./workqueue";

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

describe("WorkQueue", () => {
  it("runs at most `concurrency` tasks at once, the rest in order, and refuses beyond the waiting places", async () => {
    const queue = new WorkQueue(2, 2);
    let running = 0;
    let most = 0;
    const order: number[] = [];
    const gates = [gate(), gate(), gate(), gate()];
    const runs = gates.map((g, i) =>
      queue.run(async () => {
        running++;
        most = Math.max(most, running);
        order.push(i);
        await g.opened;
        running--;
        return i;
      }),
    );
    await assert.rejects(
      queue.run(async () => 99),
      QueueFull,
    );
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(order, [0, 1]);
    gates[1]!.open();
    await runs[1];
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(order, [0, 1, 2]);
    for (const g of gates) g.open();
    assert.deepEqual(await Promise.all(runs), [0, 1, 2, 3]);
    assert.equal(most, 2);
  });

  it("frees the place of a task that failed", async () => {
    const queue = new WorkQueue(1, 0);
    await assert.rejects(
      queue.run(async () => Promise.reject(new Error("boom"))),
      /boom/,
    );
    assert.equal(await queue.run(async () => "next"), "next");
  });
});
