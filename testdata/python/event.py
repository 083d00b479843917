# Seed (threading-notes.md, 同步对象): an Event orders a boss and five workers. The boss sets the
# event ("overtime"), the workers start, clear it after a while and wait again until the boss sets
# it a second time ("end of the day"). threading.Event is a Condition over a Lock; each waiter
# waits on a lock of its own that the setter releases (a semaphore posted by another thread: a
# signal, not a lock). Nothing to report.
# HOOK-RUN: timeout=60
import threading
import time


class Boss(threading.Thread):
    def run(self):
        print("Boss: overtime tonight", flush=True)
        print(event.is_set(), flush=True)
        event.set()
        time.sleep(1)
        print("Boss: time to go home", flush=True)
        print(event.is_set(), flush=True)
        event.set()


class Worker(threading.Thread):
    def run(self):
        event.wait()  # once the event is set, this passes
        print("Worker: starting work", flush=True)
        time.sleep(0.2)
        event.clear()
        event.wait()
        print("Worker: done", flush=True)


if __name__ == "__main__":
    event = threading.Event()
    list_thread = []
    for i in range(5):
        t = Worker()
        list_thread.append(t)
    list_thread.append(Boss())
    for t in list_thread:
        t.start()
    for t in list_thread:
        t.join()
    print("end")
