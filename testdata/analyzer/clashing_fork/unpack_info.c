// unpack's info module (see unpack.c).
#include <stdio.h>

void init_info(void) { puts("unpack"); }
