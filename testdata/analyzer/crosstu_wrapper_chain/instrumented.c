#include "chain.h"

void imutex_lock(struct imutex *im) {
  port_lock(&im->m);
  im->acquisitions++;
}
void imutex_unlock(struct imutex *im) { port_unlock(&im->m); }
