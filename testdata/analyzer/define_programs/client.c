// One source built into two programs with other defines, in a compile database without link
// information: lib.c is built for the client library (-DLIB_EXPORTS) and for the broker
// (-DWITH_BROKER -DWITH_BRIDGE: its locks are empty macros, the broker is single-threaded).
// Each program takes the build of lib.c whose defines are nearest to those of the file that
// defines its main: the broker the broker's, the client (no defines) the library's. Before,
// each took the first command of every file, and the broker's lock-free update of out_count
// was "protected by out_mutex elsewhere" (the library's build) in threads the library's
// loop_start() started: false. The client's threads queue packets under out_mutex; its own
// unlocked counter is reported.
// STATIC-RUN:
#include "conn.h"

static struct conn conns[2] = {{PTHREAD_MUTEX_INITIALIZER, 0}, {PTHREAD_MUTEX_INITIALIZER, 0}};
static long sent;

void on_packet(struct conn *c) {
  packet_queue(c);
  sent++;  // EXPECT-STATIC: unlocked-rmw sent
}

int main(void) {
  loop_start(&conns[0], 2);
  loop_start(&conns[1], 2);
  return 0;
}
