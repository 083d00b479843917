# The A/B inversion without the hang: the first thread takes A then B and waits (holding
# neither) until the second has taken B then A, while both are alive. No acquire is ever
# contended, so each is CPython's non-blocking first try succeeding (sem_trywait): the hook counts
# a try that a blocking `acquire()` or `with` makes as a blocking acquisition, so the inversion is
# still reported (at exit: an inversion through semaphores waits until they are known to be used
# as locks), with the Python lines. The counterpart: try_backoff.py.
# HOOK-RUN:
import threading

A = threading.Lock()
B = threading.Lock()
first_done = threading.Event()
second_done = threading.Event()


def first():
    with A:
        with B:  # EXPECT: lock-order-inversion A => B => A
            pass
    first_done.set()
    second_done.wait()


def second():
    first_done.wait()
    B.acquire()
    A.acquire()  # EXPECT: lock-order-inversion A => B => A
    A.release()
    B.release()
    second_done.set()


threads = [threading.Thread(target=first), threading.Thread(target=second)]
for t in threads:
    t.start()
for t in threads:
    t.join()
