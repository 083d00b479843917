# Seed (threading-notes.md, 同步锁): the fix of counter_racy.py. The read, the sleep and the write
# of `num` are done under the lock `l`, so the 100 decrements are serialized and num ends at 0.
# One lock, never nested: nothing to report.
# HOOK-RUN:
import sys
import threading
import time

num = 100
l = threading.Lock()


def sub():
    global num
    l.acquire()
    temp = num
    time.sleep(0.0001)
    num = temp - 1
    l.release()


threads = [threading.Thread(target=sub) for _ in range(100)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("num =", num)
sys.exit(0 if num == 0 else 3)
