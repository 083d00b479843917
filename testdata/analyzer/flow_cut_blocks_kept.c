// STATIC-RUN:
// A packet tool's main loop (mdk3's mdk_parser(): 370 lines, the mode set by one of 14 option
// branches, then `while (1) switch (mode)` over the modes): the path-sensitive flow meets the
// loop's head with a different mode on every pass and gives up on some blocks before it has
// reached them. The calls in the cases it never reached were lost, so the lazily started
// sniffer's generator looked like a callback any thread may run, and the sniffer's own counter
// (written by the sniffer alone after main zeroes it before the start) was reported as a lost
// update. Blocks the flow cut off now get their predecessors' state, merged, without path facts.
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static pthread_mutex_t A = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t B = PTHREAD_MUTEX_INITIALIZER;
static int init_sniffer;
static long sniffed;
static long sent[16];

static void *sniffer(void *arg) {
  (void)arg;
  for (;;) {
    sniffed++;
    usleep(100);
  }
  return NULL;
}

static void *flusher(void *arg) {
  (void)arg;
  for (;;) {
    pthread_mutex_lock(&B);
    pthread_mutex_lock(&A);  // EXPECT-STATIC: lock-order-inversion B => A => B
    pthread_mutex_unlock(&A);
    pthread_mutex_unlock(&B);
    usleep(1000);
  }
  return NULL;
}

static long sniff_mode(void) {
  if (!init_sniffer) {
    sniffed = 0;
    pthread_t t;
    pthread_create(&t, NULL, sniffer, NULL);
    init_sniffer = 1;
  }
  return sniffed;
}

static void ordered_mode(void) {
  pthread_mutex_lock(&A);
  pthread_mutex_lock(&B);
  sent[15]++;
  pthread_mutex_unlock(&B);
  pthread_mutex_unlock(&A);
}

static long gen(int k) { return k * 3 + 1; }

int main(int argc, char **argv) {
  char mode = '0';
  int speed = 0, verbose = 0, fchan = 0, wep = 0, adhoc = 0, brute = 0, got_ssid = 0;
  long total = 0;
  pthread_t fl;
  if (argc < 3)
    return 1;
  switch (argv[1][0]) {
  case 'a':
    mode = 'a';
    for (int t = 2; t < argc; t++) {
      if (!strcmp(argv[t], "-v"))
        verbose = 1;
      if (!strcmp(argv[t], "-c"))
        fchan = 0;
      if (!strcmp(argv[t], "-w"))
        wep = 0;
      if (!strcmp(argv[t], "-a"))
        adhoc = 1;
      if (!strcmp(argv[t], "-b"))
        brute = 1;
      if (!strcmp(argv[t], "-e"))
        got_ssid = 1;
    }
    break;
  case 'b':
    mode = 'b';
    for (int t = 2; t < argc; t++) {
      if (!strcmp(argv[t], "-v"))
        verbose = 1;
      if (!strcmp(argv[t], "-c"))
        fchan = 1;
      if (!strcmp(argv[t], "-w"))
        wep = 1;
      if (!strcmp(argv[t], "-a"))
        adhoc = 1;
      if (!strcmp(argv[t], "-b"))
        brute = 1;
      if (!strcmp(argv[t], "-e"))
        got_ssid = 1;
    }
    break;
  case 'c':
    mode = 'c';
    for (int t = 2; t < argc; t++) {
      if (!strcmp(argv[t], "-v"))
        verbose = 1;
      if (!strcmp(argv[t], "-c"))
        fchan = 2;
      if (!strcmp(argv[t], "-w"))
        wep = 2;
      if (!strcmp(argv[t], "-a"))
        adhoc = 1;
      if (!strcmp(argv[t], "-b"))
        brute = 1;
      if (!strcmp(argv[t], "-e"))
        got_ssid = 1;
    }
    break;
  case 'd':
    mode = 'd';
    for (int t = 2; t < argc; t++) {
      if (!strcmp(argv[t], "-v"))
        verbose = 1;
      if (!strcmp(argv[t], "-c"))
        fchan = 3;
      if (!strcmp(argv[t], "-w"))
        wep = 0;
      if (!strcmp(argv[t], "-a"))
        adhoc = 1;
      if (!strcmp(argv[t], "-b"))
        brute = 1;
      if (!strcmp(argv[t], "-e"))
        got_ssid = 1;
    }
    break;
  case 'e':
    mode = 'e';
    for (int t = 2; t < argc; t++) {
      if (!strcmp(argv[t], "-v"))
        verbose = 1;
      if (!strcmp(argv[t], "-c"))
        fchan = 4;
      if (!strcmp(argv[t], "-w"))
        wep = 1;
      if (!strcmp(argv[t], "-a"))
        adhoc = 1;
      if (!strcmp(argv[t], "-b"))
        brute = 1;
      if (!strcmp(argv[t], "-e"))
        got_ssid = 1;
    }
    break;
  case 'f':
    mode = 'f';
    for (int t = 2; t < argc; t++) {
      if (!strcmp(argv[t], "-v"))
        verbose = 1;
      if (!strcmp(argv[t], "-c"))
        fchan = 5;
      if (!strcmp(argv[t], "-w"))
        wep = 2;
      if (!strcmp(argv[t], "-a"))
        adhoc = 1;
      if (!strcmp(argv[t], "-b"))
        brute = 1;
      if (!strcmp(argv[t], "-e"))
        got_ssid = 1;
    }
    break;
  case 'g':
    mode = 'g';
    for (int t = 2; t < argc; t++) {
      if (!strcmp(argv[t], "-v"))
        verbose = 1;
      if (!strcmp(argv[t], "-c"))
        fchan = 6;
      if (!strcmp(argv[t], "-w"))
        wep = 0;
      if (!strcmp(argv[t], "-a"))
        adhoc = 1;
      if (!strcmp(argv[t], "-b"))
        brute = 1;
      if (!strcmp(argv[t], "-e"))
        got_ssid = 1;
    }
    break;
  case 'h':
    mode = 'h';
    for (int t = 2; t < argc; t++) {
      if (!strcmp(argv[t], "-v"))
        verbose = 1;
      if (!strcmp(argv[t], "-c"))
        fchan = 7;
      if (!strcmp(argv[t], "-w"))
        wep = 1;
      if (!strcmp(argv[t], "-a"))
        adhoc = 1;
      if (!strcmp(argv[t], "-b"))
        brute = 1;
      if (!strcmp(argv[t], "-e"))
        got_ssid = 1;
    }
    break;
  case 'i':
    mode = 'i';
    for (int t = 2; t < argc; t++) {
      if (!strcmp(argv[t], "-v"))
        verbose = 1;
      if (!strcmp(argv[t], "-c"))
        fchan = 8;
      if (!strcmp(argv[t], "-w"))
        wep = 2;
      if (!strcmp(argv[t], "-a"))
        adhoc = 1;
      if (!strcmp(argv[t], "-b"))
        brute = 1;
      if (!strcmp(argv[t], "-e"))
        got_ssid = 1;
    }
    break;
  case 'j':
    mode = 'j';
    for (int t = 2; t < argc; t++) {
      if (!strcmp(argv[t], "-v"))
        verbose = 1;
      if (!strcmp(argv[t], "-c"))
        fchan = 9;
      if (!strcmp(argv[t], "-w"))
        wep = 0;
      if (!strcmp(argv[t], "-a"))
        adhoc = 1;
      if (!strcmp(argv[t], "-b"))
        brute = 1;
      if (!strcmp(argv[t], "-e"))
        got_ssid = 1;
    }
    break;
  case 'k':
    mode = 'k';
    for (int t = 2; t < argc; t++) {
      if (!strcmp(argv[t], "-v"))
        verbose = 1;
      if (!strcmp(argv[t], "-c"))
        fchan = 10;
      if (!strcmp(argv[t], "-w"))
        wep = 1;
      if (!strcmp(argv[t], "-a"))
        adhoc = 1;
      if (!strcmp(argv[t], "-b"))
        brute = 1;
      if (!strcmp(argv[t], "-e"))
        got_ssid = 1;
    }
    break;
  case 'l':
    mode = 'l';
    for (int t = 2; t < argc; t++) {
      if (!strcmp(argv[t], "-v"))
        verbose = 1;
      if (!strcmp(argv[t], "-c"))
        fchan = 11;
      if (!strcmp(argv[t], "-w"))
        wep = 2;
      if (!strcmp(argv[t], "-a"))
        adhoc = 1;
      if (!strcmp(argv[t], "-b"))
        brute = 1;
      if (!strcmp(argv[t], "-e"))
        got_ssid = 1;
    }
    break;
  case 'm':
    mode = 'm';
    for (int t = 2; t < argc; t++) {
      if (!strcmp(argv[t], "-v"))
        verbose = 1;
      if (!strcmp(argv[t], "-c"))
        fchan = 12;
      if (!strcmp(argv[t], "-w"))
        wep = 0;
      if (!strcmp(argv[t], "-a"))
        adhoc = 1;
      if (!strcmp(argv[t], "-b"))
        brute = 1;
      if (!strcmp(argv[t], "-e"))
        got_ssid = 1;
    }
    break;
  case 'n':
    mode = 'n';
    for (int t = 2; t < argc; t++) {
      if (!strcmp(argv[t], "-v"))
        verbose = 1;
      if (!strcmp(argv[t], "-c"))
        fchan = 13;
      if (!strcmp(argv[t], "-w"))
        wep = 1;
      if (!strcmp(argv[t], "-a"))
        adhoc = 1;
      if (!strcmp(argv[t], "-b"))
        brute = 1;
      if (!strcmp(argv[t], "-e"))
        got_ssid = 1;
    }
    break;
  default:
    return 1;
  }
  if (mode == 'a' && !got_ssid)
    return 1;
  if (mode == 'b' && brute && !fchan)
    return 1;
  if (mode == 'c' && wep == 2)
    speed = 3;
  pthread_create(&fl, NULL, flusher, NULL);
  while (1) {
    switch (mode) {
    case 'a':
      if (fchan)
        speed = fchan;
      else
        speed = (int)gen(0);
      total += gen(speed) + adhoc + wep;
      break;
    case 'b':
      if (fchan)
        speed = fchan;
      else
        speed = (int)gen(1);
      total += gen(speed) + adhoc + wep;
      break;
    case 'c':
      if (fchan)
        speed = fchan;
      else
        speed = (int)gen(2);
      total += gen(speed) + adhoc + wep;
      break;
    case 'd':
      if (fchan)
        speed = fchan;
      else
        speed = (int)gen(3);
      total += gen(speed) + adhoc + wep;
      break;
    case 'e':
      if (fchan)
        speed = fchan;
      else
        speed = (int)gen(4);
      total += gen(speed) + adhoc + wep;
      break;
    case 'f':
      if (fchan)
        speed = fchan;
      else
        speed = (int)gen(5);
      total += gen(speed) + adhoc + wep;
      break;
    case 'g':
      if (fchan)
        speed = fchan;
      else
        speed = (int)gen(6);
      total += gen(speed) + adhoc + wep;
      break;
    case 'h':
      if (fchan)
        speed = fchan;
      else
        speed = (int)gen(7);
      total += gen(speed) + adhoc + wep;
      break;
    case 'i':
      if (fchan)
        speed = fchan;
      else
        speed = (int)gen(8);
      total += gen(speed) + adhoc + wep;
      break;
    case 'j':
      if (fchan)
        speed = fchan;
      else
        speed = (int)gen(9);
      total += gen(speed) + adhoc + wep;
      break;
    case 'k':
      if (fchan)
        speed = fchan;
      else
        speed = (int)gen(10);
      total += gen(speed) + adhoc + wep;
      break;
    case 'l':
      if (fchan)
        speed = fchan;
      else
        speed = (int)gen(11);
      total += gen(speed) + adhoc + wep;
      break;
    case 'm':
      total += sniff_mode();
      ordered_mode();
      break;
    case 'n':
      total += gen(13);
      break;
    default:
      return 1;
    }
    if (verbose && total % 1000 == 0)
      printf("%ld %ld\n", total, sniffed);
    if (total > 1000000)
      break;
  }
  return 0;
}
