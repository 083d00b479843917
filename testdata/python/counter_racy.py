# Seed (threading-notes.md, 同步锁), without the lock: 100 threads each decrement `num` as
# temp = num; sleep; num = temp - 1. The sleep between the read and the write lets the threads
# overwrite each other's updates: the final value is not 0 (a lost update). No lock is used, so
# the runtime hook has nothing to report (the GIL is no lock of the program's).
# HOOK-RUN:
import threading
import time

num = 100


def sub():
    global num
    temp = num
    time.sleep(0.0001)
    num = temp - 1


threads = [threading.Thread(target=sub) for _ in range(100)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("num =", num)
