# Genuine try-and-back-off: each thread holds one lock and only tries the other
# (acquire(False) / acquire(blocking=False)), releasing everything when the try fails. Neither
# ever waits while holding a lock, so no deadlock is possible: nothing to report (a try adds no
# edge into the lock, as pthread_mutex_trylock). Thread.is_alive(), which tries the thread's own
# lock, is called under a lock the thread takes: no edge either.
# HOOK-RUN: timeout=60
import threading

A = threading.Lock()
B = threading.Lock()


def one():
    for _ in range(300):
        with A:
            if B.acquire(False):
                B.release()


def two():
    for _ in range(300):
        with B:
            if A.acquire(blocking=False):
                A.release()


threads = [threading.Thread(target=one), threading.Thread(target=two)]
for t in threads:
    t.start()
while True:
    with A:
        if not any(t.is_alive() for t in threads):
            break
for t in threads:
    t.join()
