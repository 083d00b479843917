// A library file of program a (tests/analyzer/plant_programs.py): no main(), linked into
// prog_a.c's program only because prog_a.c calls lib_note(); prog_b.c never does, so a pair of
// lib_mu and one of b's locks is in no one program.
#include <pthread.h>

static pthread_mutex_t lib_mu = PTHREAD_MUTEX_INITIALIZER;
static long lib_notes;

void lib_note(long n) {
  pthread_mutex_lock(&lib_mu);
  lib_notes += n;
  pthread_mutex_unlock(&lib_mu);
}
