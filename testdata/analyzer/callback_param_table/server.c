// Callbacks reached through a function-pointer parameter or a member of an unnamed struct
// member run in the threads that call through them (freeciv 3.0's server: main() ends a
// turn with update_environmental_upset(..., global_warming), which calls `func(...)`, and
// starts the AI's turn with `ai->funcs.first_activities(pplayer)`; the save thread only
// reads). Every write of units_moved and upsets is the main thread's: no lost update.
// Before, global_warming() (its address an argument) and classic_first_activities() (its
// member's record named by the header's path, "./ai.h" in classic.c and "ai.h" here: two
// members) were "any thread" callbacks, and both counters were reported.
// Twin: the two tally workers pass count_tally() to the same update_upset(): a real lost
// update in the workers' threads.
// STATIC-RUN:
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

#include "ai.h"

int units_moved, upsets, tallies;

void update_upset(int amount, void (*func)(int effect)) {
  if (amount > 0)
    func(amount);
}

static void global_warming(int effect) { upsets += effect; }

static void count_tally(int effect) {
  tallies += effect;  // EXPECT-STATIC: unlocked-rmw tallies
}

static void *save_thread(void *arg) {
  (void)arg;
  printf("units moved %d, upsets %d\n", units_moved, upsets);
  return NULL;
}

static void *tally_worker(void *arg) {
  update_upset((int)(long)arg, count_tally);
  return NULL;
}

int main(void) {
  struct ai_type classic;
  pthread_t saver, talliers[2];
  classic_setup(&classic);
  pthread_create(&saver, NULL, save_thread, NULL);
  for (long i = 0; i < 2; i++)
    pthread_create(&talliers[i], NULL, tally_worker, (void *)(i + 1));
  for (int turn = 0; turn < 3; turn++) {
    classic.funcs.first_activities(turn);
    update_upset(turn, global_warming);
    classic.funcs.end_turn(turn);
  }
  for (int i = 0; i < 2; i++)
    pthread_join(talliers[i], NULL);
  pthread_join(saver, NULL);
  return 0;
}
