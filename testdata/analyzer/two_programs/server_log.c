// The server's log (see server.c): counts under stats_lock.
#include "common.h"

void server_log(const char *what) {
  (void)what;
  stats_add(1);
}
