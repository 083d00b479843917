// Callbacks handed to a library run in the threads that make the library call them (freeciv
// 3.0's server: main() installs handle_readline_input_callback() with
// rl_callback_handler_install() and calls rl_callback_read_char() in its input loop, so every
// console command - `load` sets game.info.turn - runs in the main thread; the save thread only
// reads the game). A function handed to qsort() runs in the thread that calls qsort(), before
// it returns. Before, both were "any thread" callbacks: the turn counter, written only by the
// main thread, was a lost update.
// Twin: the sorting workers, two threads that both run qsort() with a comparator that counts
// its comparisons: a real lost update. callback_library_loop_worker/ runs the readline loop in
// a thread of its own.
// STATIC-RUN:
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "readline.h"

struct game {
  int turn;
  int year;
};

static struct game game;
static int comparisons;
static int quit;

static void load_command(const char *arg) {
  game.turn += atoi(arg);  // a saved game's turn (main thread only)
  game.year = 1000 + game.turn;
}

static void handle_input(char *line) {
  if (!line) {
    quit = 1;
    return;
  }
  if (strncmp(line, "load ", 5) == 0)
    load_command(line + 5);
  free(line);
}

static int by_value(const void *a, const void *b) {
  comparisons++;  // EXPECT-STATIC: unlocked-rmw comparisons
  return *(const int *)a - *(const int *)b;
}

static int by_turn(const void *a, const void *b) {
  return *(const int *)a - *(const int *)b;
}

static void *save_thread(void *arg) {
  (void)arg;
  for (int i = 0; i < 3; i++) {
    printf("saving turn %d, year %d\n", game.turn, game.year);
    sleep(1);
  }
  return NULL;
}

static void *sort_worker(void *arg) {
  int v[64];
  for (int i = 0; i < 64; i++)
    v[i] = (i * 37 + (int)(long)arg) % 64;
  qsort(v, 64, sizeof v[0], by_value);
  return NULL;
}

int main(void) {
  pthread_t saver, sorters[2];
  int turns[3] = {3, 1, 2};
  qsort(turns, 3, sizeof turns[0], by_turn);
  rl_callback_handler_install("> ", handle_input);
  pthread_create(&saver, NULL, save_thread, NULL);
  for (long i = 0; i < 2; i++)
    pthread_create(&sorters[i], NULL, sort_worker, (void *)i);
  while (!quit)
    rl_callback_read_char();
  game.turn++;  // the next turn
  for (int i = 0; i < 2; i++)
    pthread_join(sorters[i], NULL);
  pthread_join(saver, NULL);
  return 0;
}
