# A worker waits on an Event that nobody will set, and the main thread joins it: every thread is
# blocked and none can set the event. threading.Event waits on a lock of the waiter's own that the
# setter would release (a semaphore posted by another thread: a signal); the hook sees every
# thread waiting, no thread left that could post, and ends the hang: actual-deadlock, status 67.
# HOOK-RUN: exit=67 timeout=30
import threading

ready = threading.Event()


def worker():
    ready.wait()  # EXPECT: actual-deadlock


t = threading.Thread(target=worker)
t.start()
t.join()  # EXPECT: actual-deadlock
