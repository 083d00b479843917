# Seed (threading-notes.md, 队列 --- 生产者消费者模型): a producer puts 10 items in a queue.Queue
# and join()s until the consumers have called task_done() for each, then puts one stop item per
# consumer. queue.Queue is one lock and three conditions over it (not_empty, not_full,
# all_tasks_done); every wait holds only the queue's lock. Nothing to report.
# HOOK-RUN: timeout=60
import queue
import threading
import time

q = queue.Queue()
STOP = None


def producer():
    for i in range(10):
        q.put(i)
        print("produced", i, flush=True)
        time.sleep(0.01)
    q.join()  # until every item was task_done()
    print("all items processed", flush=True)
    for _ in consumers:
        q.put(STOP)


def consumer(n):
    while True:
        item = q.get()
        if item is STOP:
            q.task_done()
            return
        time.sleep(0.02)
        print("consumer", n, "took", item, flush=True)
        q.task_done()


consumers = [threading.Thread(target=consumer, args=(i,)) for i in range(3)]
for c in consumers:
    c.start()
p = threading.Thread(target=producer)
p.start()
p.join()
for c in consumers:
    c.join()
print("end")
