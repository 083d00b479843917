// STATIC-COMPILE: --std=gnu99 -O2 -D_GNU_SOURCE -fPIC
#include "log.h"

void remove_map(int id) { flush_map(id); }
