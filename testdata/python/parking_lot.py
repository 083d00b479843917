# Seed (threading-notes.md, 信号量): a parking lot with 5 places (threading.Semaphore(5)) and 10
# cars. At most 5 cars are inside at once. A counting semaphore is no lock: its waiters wait on
# a condition. The occupancy statistics are kept under `stats`, taken with nothing else held.
# Nothing to report.
# HOOK-RUN: timeout=60
import sys
import threading
import time

places = threading.Semaphore(5)
stats = threading.Lock()
inside = 0
most = 0


def car(n):
    global inside, most
    with places:
        with stats:
            inside += 1
            most = max(most, inside)
        print("car", n, "parks", flush=True)
        time.sleep(0.2)
        with stats:
            inside -= 1
    print("car", n, "leaves", flush=True)


cars = [threading.Thread(target=car, args=(i,)) for i in range(10)]
for c in cars:
    c.start()
for c in cars:
    c.join()
print("at most", most, "cars inside")
sys.exit(0 if most <= 5 else 3)
