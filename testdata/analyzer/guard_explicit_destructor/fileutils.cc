#include "context.h"

bool unmountFS(Context *ctx) {
  ctx->setRoot(0);
  return true;
}

bool unmountHolder(Holder *h) {
  h->setRoot(0);
  return true;
}
