// SRT 1.5.1's per-socket locks (srtcore/core.cpp): closeInternal() holds m_SendLock, then
// m_RecvLock, then m_RcvBufferLock. processData() holds m_RcvBufferLock through a UniqueLock and,
// on a close request, releases it with `recvbuf_acklock.unlock()` before processClose() takes
// m_SendLock and m_RecvLock: no edge from m_RcvBufferLock to either, no cycle. sendAck() lifts
// m_RcvBufferLock with an InvertedLock before it takes m_RecvLock and asks isRcvBufferReady(),
// which takes m_RcvBufferLock again: no self-deadlock, no m_RcvBufferLock => m_RecvLock edge.
// processDataBad() forgets the unlock: real cycles with closeInternal(), reported (each of the
// three: send and buffer, receive and buffer, all three).
// STATIC-RUN:
#include <pthread.h>

#include "sync.h"

using namespace sync;

class CUDT {
 public:
  void closeInternal();
  int processData(int flags);
  int processDataBad(int flags);
  void sendAck(int ack);

 private:
  void processClose();
  bool isRcvBufferReady();
  Mutex m_SendLock, m_RecvLock, m_RcvBufferLock;
  int m_iRcvLastAck = 0;
  int m_iPending = 0;
  bool m_bClosing = false;
};

void CUDT::closeInternal() {
  ScopedLock sendguard(m_SendLock);
  ScopedLock recvguard(m_RecvLock);  // EXPECT: lock-order-inversion CUDT::m_RecvLock => CUDT::m_RcvBufferLock => CUDT::m_RecvLock
  enterCS(m_RcvBufferLock);
  m_iPending = 0;
  leaveCS(m_RcvBufferLock);
}

void CUDT::processClose() {
  enterCS(m_SendLock);
  m_bClosing = true;
  leaveCS(m_SendLock);
  ScopedLock lk(m_RecvLock);
  m_iPending = -1;
}

bool CUDT::isRcvBufferReady() {
  ScopedLock lck(m_RcvBufferLock);
  return m_iPending > 0;
}

int CUDT::processData(int flags) {
  UniqueLock recvbuf_acklock(m_RcvBufferLock);
  m_iPending += flags;
  if (flags < 0) {
    recvbuf_acklock.unlock();
    processClose();
    return -1;
  }
  return 0;
}

int CUDT::processDataBad(int flags) {
  UniqueLock recvbuf_acklock(m_RcvBufferLock);  // EXPECT: lock-order-inversion CUDT::m_SendLock => CUDT::m_RecvLock => CUDT::m_RcvBufferLock => CUDT::m_SendLock
  m_iPending += flags;
  if (flags < 0) {
    processClose();  // EXPECT: lock-order-inversion CUDT::m_SendLock => CUDT::m_RcvBufferLock => CUDT::m_SendLock
    return -1;
  }
  return 0;
}

void CUDT::sendAck(int ack) {
  UniqueLock bufflock(m_RcvBufferLock);
  if (ack > m_iRcvLastAck) {
    InvertedLock un_bufflock(m_RcvBufferLock);
    ScopedLock lock(m_RecvLock);
    if (isRcvBufferReady())
      m_iRcvLastAck = ack;
  }
}

static CUDT sock;

static void *app(void *) {
  sock.closeInternal();
  return 0;
}

static void *worker(void *arg) {
  long i = (long)arg;
  sock.processData((int)i - 1);
  sock.sendAck((int)i);
  if (i > 5)
    sock.processDataBad((int)i);
  return 0;
}

int main() {
  pthread_t a, w;
  pthread_create(&a, 0, app, 0);
  pthread_create(&w, 0, worker, (void *)1);
  pthread_join(a, 0);
  pthread_join(w, 0);
}
