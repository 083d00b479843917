// Twin of callback_library_loop/: main() installs the line handler, but the readline loop
// runs in a console thread of its own, so the handler runs there, not in the thread that
// installed it; main() also moves the turn on while the console thread runs: two writers,
// a real lost update, reported at both updates (before, the handler was "any thread" and ran
// in no thread the analysis knew: nothing was reported).
// STATIC-RUN:
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../callback_library_loop/readline.h"

static int turn;
static volatile int quit;

static void handle_input(char *line) {
  if (!line) {
    quit = 1;
    return;
  }
  if (strncmp(line, "skip ", 5) == 0)
    turn += atoi(line + 5);  // EXPECT-STATIC: unlocked-rmw turn
  free(line);
}

static void *console_thread(void *arg) {
  (void)arg;
  while (!quit)
    rl_callback_read_char();
  return NULL;
}

int main(void) {
  pthread_t console;
  rl_callback_handler_install("> ", handle_input);
  pthread_create(&console, NULL, console_thread, NULL);
  while (!quit) {
    turn++;  // EXPECT-STATIC: unlocked-rmw turn
    sleep(1);
  }
  pthread_join(console, NULL);
  return 0;
}
