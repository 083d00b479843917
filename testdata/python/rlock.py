# Seed (threading-notes.md, 递归锁): the deadlock example with one recursive lock instead of A and
# B. Each action takes r_lock twice; the owner's re-acquisition only bumps the RLock's count (no
# semaphore call), so there is no lock order at all and nothing to report. Five threads,
# serialized by r_lock.
# HOOK-RUN: timeout=60
import threading
import time


class MyThread(threading.Thread):
    def actionA(self):
        r_lock.acquire()
        print(self.name, "got lock A", time.ctime(), flush=True)
        time.sleep(0.2)

        r_lock.acquire()
        print(self.name, "got lock B", time.ctime(), flush=True)
        time.sleep(0.1)

        r_lock.release()
        r_lock.release()

    def actionB(self):
        r_lock.acquire()
        print(self.name, "got lock B", time.ctime(), flush=True)
        time.sleep(0.2)

        r_lock.acquire()
        print(self.name, "got lock A", time.ctime(), flush=True)
        time.sleep(0.1)

        r_lock.release()
        r_lock.release()

    def run(self):
        self.actionA()
        self.actionB()


if __name__ == "__main__":
    r_lock = threading.RLock()
    list_thread = []
    for i in range(5):
        t = MyThread()
        t.start()
        list_thread.append(t)

    for t in list_thread:
        t.join()

    print("end")
