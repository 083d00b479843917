// The setter, in its own TU.
#include "condvar.h"

void CondVar::SetMode(int relm) { relMutex = relm; }
