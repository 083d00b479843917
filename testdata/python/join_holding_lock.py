# The main thread holds a lock while it joins a thread that needs that lock. In CPython a join
# waits on the thread's own lock, which the thread holds until it ends: the hook reports the
# inversion between the two locks and then ends the hang (actual-deadlock, status 67).
# HOOK-RUN: exit=67 timeout=30
import threading

L = threading.Lock()
started = threading.Event()


def worker():
    started.set()
    with L:  # EXPECT: actual-deadlock
        pass


with L:  # EXPECT: lock-order-inversion
    t = threading.Thread(target=worker)
    t.start()
    started.wait()
    t.join()  # EXPECT: actual-deadlock
