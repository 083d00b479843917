// STATIC-RUN:
// STATIC-COMPILE: -std=c++17
// Two classes of one namespace are two classes (abseil's low_level_alloc.cc, in namespace
// absl::base_internal): an allocator's block header `AllocList::header.size` is written under
// its Arena's `mu` where the allocator holds it (Alloc() splits a block), and by Coalesce()
// without it, reached from Free() too, which locks the block's arena through the header
// (`f->header.arena->mu`): `Arena::mu` is another object's lock, no evidence that it guards
// every block. The test of "a lock of the written object" compared the keys' text up to the
// first "::" (`lowlevel` and `lowlevel`), so `lowlevel::Arena::mu` was taken for a lock of
// every `lowlevel::AllocList` and the update was reported as "protected elsewhere". The twin,
// `Stats`, keeps its counter under its own `mu` and updates it once without: reported.
#include <pthread.h>
#include <stddef.h>
#include <thread>
#include <vector>

namespace lowlevel {
struct Arena;
namespace {
struct AllocList {
  struct Header {
    size_t size;
    Arena *arena;
  } header;
  AllocList *next;
};
}  // namespace

struct Arena {
  pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
  AllocList freelist{};
  int allocation_count = 0;
};

namespace {
class ArenaLock {
 public:
  explicit ArenaLock(Arena *arena) : arena_(arena) { pthread_mutex_lock(&arena_->mu); }
  ~ArenaLock() {
    if (!left_)
      Leave();
  }
  void Leave() {
    pthread_mutex_unlock(&arena_->mu);
    left_ = true;
  }

 private:
  bool left_ = false;
  Arena *arena_;
};
}  // namespace

static void Coalesce(AllocList *a) {
  AllocList *n = a->next;
  if (n != nullptr && reinterpret_cast<char *>(a) + a->header.size == reinterpret_cast<char *>(n)) {
    a->header.size += n->header.size;
    a->next = n->next;
  }
}

static void AddToFreelist(void *v, Arena *arena) {
  AllocList *f = reinterpret_cast<AllocList *>(reinterpret_cast<char *>(v) - sizeof(f->header));
  f->next = arena->freelist.next;
  arena->freelist.next = f;
  Coalesce(f);
}

void Free(void *v) {
  if (v != nullptr) {
    AllocList *f = reinterpret_cast<AllocList *>(reinterpret_cast<char *>(v) - sizeof(f->header));
    Arena *arena = f->header.arena;
    ArenaLock section(arena);
    AddToFreelist(v, arena);
    arena->allocation_count--;
    section.Leave();
  }
}

static AllocList *Next(AllocList *prev) { return prev->next; }

void *Alloc(size_t request, Arena *arena) {
  ArenaLock section(arena);
  AllocList *before = &arena->freelist;
  AllocList *s;
  while ((s = Next(before)) != nullptr && s->header.size < request)
    before = s;
  if (s == nullptr)
    return nullptr;
  before->next = s->next;
  if (s->header.size > request + sizeof(AllocList)) {
    AllocList *n = reinterpret_cast<AllocList *>(reinterpret_cast<char *>(s) + request);
    n->header.size = s->header.size - request;
    n->header.arena = arena;
    s->header.size = request;
    AddToFreelist(&n->next, arena);
  }
  arena->allocation_count++;
  section.Leave();
  return &s->next;
}

static Arena *DefaultArena() {
  static Arena *arena = new Arena;
  return arena;
}

void *Get(size_t n) { return Alloc(n, DefaultArena()); }


struct Stats {
  pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
  long frees = 0;
};

Stats *stats() {
  static Stats *s = new Stats;
  return s;
}

void count_free(Stats *s) {
  pthread_mutex_lock(&s->mu);
  s->frees++;
  pthread_mutex_unlock(&s->mu);
}

void count_free_fast(Stats *s) {
  s->frees++;  // EXPECT-STATIC: unlocked-rmw lowlevel::Stats::frees
}

}  // namespace lowlevel

void worker_one() {
  for (int i = 0; i < 100; ++i) {
    lowlevel::Free(lowlevel::Get(16));
    lowlevel::count_free(lowlevel::stats());
  }
}

void worker_two() {
  for (int i = 0; i < 100; ++i) {
    lowlevel::Get(32);
    lowlevel::count_free_fast(lowlevel::stats());
  }
}

int main() {
  std::thread one(worker_one), two(worker_two);
  one.join();
  two.join();
}
