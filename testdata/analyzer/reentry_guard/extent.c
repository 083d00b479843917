// decay: returning pages may raise the high-water mark, which dumps
#include "prof.h"

void extent_gdump_add(tsd_t *tsd) { prof_gdump(tsd); }
