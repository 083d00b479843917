# Seed (threading-notes.md, 死锁): five threads each run actionA() (A, then B) and then actionB()
# (B, then A). After ~2 s the first thread holds B and waits for A in actionB while the second one
# holds A and waits for B in actionA: the program really deadlocks. CPython's locks are
# semaphores; the hook takes them as locks (each is taken and given back by one thread), reports
# the inversion A => B => A with these Python lines, and, as nothing can move any more, the actual
# deadlock, and ends the process with status 67.
# (One EXPECT per line: actual-deadlock is expected on the calls in run(), frames of the blocked
# threads' Python stacks.)
# HOOK-RUN: exit=67 timeout=30
import threading
import time


class MyThread(threading.Thread):
    def actionA(self):
        A.acquire()
        print(self.name, "got lock A", time.ctime(), flush=True)
        time.sleep(2)

        B.acquire()  # EXPECT: lock-order-inversion A => B => A
        print(self.name, "got lock B", time.ctime(), flush=True)
        time.sleep(0.1)

        B.release()
        A.release()

    def actionB(self):
        B.acquire()
        print(self.name, "got lock B", time.ctime(), flush=True)
        time.sleep(2)

        A.acquire()  # EXPECT: lock-order-inversion A => B => A
        print(self.name, "got lock A", time.ctime(), flush=True)
        time.sleep(0.1)

        A.release()
        B.release()

    def run(self):
        self.actionA()  # EXPECT: actual-deadlock
        self.actionB()  # EXPECT: actual-deadlock


if __name__ == "__main__":
    A = threading.Lock()
    B = threading.Lock()

    list_thread = []
    for i in range(5):
        t = MyThread()
        t.start()
        list_thread.append(t)

    for t in list_thread:
        t.join()

    print("end")
