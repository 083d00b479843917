// On the analyzer before the fix: a false self-deadlock in usageAndUnmount(), as in encfs.
// STATIC-RUN:
#include "context.h"

Context::Context() { pthread_mutex_init(&contextMutex, nullptr); }

void Context::setRoot(int r) {
  Lock lock(contextMutex);
  root = r;
}

bool Context::usageAndUnmount(int timeout) {
  Lock lock(contextMutex);
  if (root != 0) {
    if (++idle < timeout) return false;
    lock.~Lock();
    return unmountFS(this);
  }
  return false;
}

Holder::Holder() { pthread_mutex_init(&holderMutex, nullptr); }

void Holder::setRoot(int r) {
  Lock lock(holderMutex);
  root = r;
}

bool Holder::keepHolding(int timeout) {
  Lock lock(holderMutex);
  if (++idle < timeout) return false;
  return unmountHolder(this);  // EXPECT: self-deadlock Holder::holderMutex
}

int main() {
  Context c;
  c.usageAndUnmount(1);
  Holder h;
  h.keepHolding(1);
  return 0;
}
