// The twin of field_cond_crosstu: the unlink is not an inline of the header but a function of
// another TU, so stream_destroy()'s TU cannot tell that it leaves `monitor` alone (this one
// does not, as a container_of could reach it), and its test is no condition on the caller.
#include "stream.h"

void list_del_init(struct list_head *e) {
  struct stream *s = (struct stream *)((char *)e - offsetof(struct stream, send_node));
  e->next->prev = e->prev;
  e->prev->next = e->next;
  e->next = e->prev = e;
  s->monitor = 1;
}
