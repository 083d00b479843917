// Lock lives: the node table, the address index and the page map (see lock_table.h). Writers
// hold g_mu; readers are lock-free. Nothing here reports or reads held sets.
#include "lock_table.h"

#include <dlfcn.h>
#include <link.h>
#include <sys/mman.h>

#include <cstring>

#include "interceptors.h"
#include "lock_path.h"

namespace lg {

LockNode *g_nodes;
std::atomic<IndexTable *> g_index{nullptr};
LockEpoch g_lock_epoch;
uint32_t g_next_uid = 1;
uint32_t g_live_locks = 0;
std::atomic<int> g_live_pages{0};

namespace {

constexpr int kMutexRobustBit = 16, kMutexPsharedBit = 128;  // glibc's bits of __kind

uint32_t g_index_max_bits;
uint32_t g_nodes_cap;
uint32_t g_nodes_used = 1;  // slot 0 is never used
uint32_t g_free_slot = 0;
bool g_locks_full_said = false;
uint32_t g_index_deleted = 0;

struct PageEntry {
  std::atomic<uintptr_t> page;
  std::atomic<int> count;
};
constexpr uint32_t kPageBits = 16;
PageEntry *g_pages;

IndexTable *NewIndexTable(uint32_t bits) {
  size_t bytes = 4096 + (size_t{1} << bits) * sizeof(IndexEntry);
  char *mem = static_cast<char *>(MapZeroed(bytes));
  if (mem == nullptr) return nullptr;
  IndexTable *t = reinterpret_cast<IndexTable *>(mem);
  t->bits = bits;
  t->mask = (uint64_t{1} << bits) - 1;
  t->shift = 64 - bits;
  t->entries = reinterpret_cast<IndexEntry *>(mem + 4096);
  return t;
}

// Returns true when it took the place of a deleted entry.
bool IndexPut(IndexTable *t, uintptr_t addr, uint32_t slot) {
  for (uint64_t i = IndexHash(addr) & t->mask;; i = (i + 1) & t->mask) {
    uint32_t cur = t->entries[i].load(std::memory_order_relaxed);
    if (cur == 0 || cur == kDeletedSlot) {
      t->entries[i].store(slot, std::memory_order_release);  // the node's addr is set already
      return cur == kDeletedSlot;
    }
  }
}

void PageAdd(uintptr_t addr, int delta) {
  uintptr_t page = addr >> 12;
  uint32_t mask = (1u << kPageBits) - 1;
  for (uint32_t i = static_cast<uint32_t>(Mix(page)) & mask, n = 0; n <= mask; i = (i + 1) & mask, ++n) {
    uintptr_t cur = g_pages[i].page.load(std::memory_order_relaxed);
    if (cur == page || cur == 0) {
      if (cur == 0) g_pages[i].page.store(page, std::memory_order_release);
      int before = g_pages[i].count.fetch_add(delta, std::memory_order_acq_rel);
      if (before == 0 && delta > 0) g_live_pages.fetch_add(1);
      if (before + delta == 0) g_live_pages.fetch_sub(1);
      return;
    }
  }
}

// Rebuilds the index with 2^bits entries, without the deleted ones, and swaps it in (g_mu held).
// Readers still probing the old table see its entries zeroed (MADV_DONTNEED), miss, and retry in
// the new one.
// Retired tables are never unmapped (a reader may still be in one); one retired two rebuilds of
// its size ago is reused (zeroed already), so lock churn does not pile up mappings.
IndexTable *g_retired[64][2];
int g_nretired[64];

void RebuildIndexLocked(uint32_t bits) {
  IndexTable *fresh;
  if (g_nretired[bits] == 2) {
    fresh = g_retired[bits][0];
    g_retired[bits][0] = g_retired[bits][1];
    g_nretired[bits] = 1;
  } else {
    fresh = NewIndexTable(bits);
    if (fresh == nullptr) return;  // keep the old one: probes get longer, nothing breaks
  }
  IndexTable *old = g_index.load(std::memory_order_relaxed);
  for (uint64_t k = 0; k <= old->mask; ++k) {
    uint32_t slot = old->entries[k].load(std::memory_order_relaxed);
    if (slot != 0 && slot != kDeletedSlot)
      IndexPut(fresh, g_nodes[slot].addr.load(std::memory_order_relaxed), slot);
  }
  g_index.store(fresh, std::memory_order_release);
  madvise(old->entries, (old->mask + 1) * sizeof(IndexEntry), MADV_DONTNEED);
  if (g_nretired[old->bits] < 2) g_retired[old->bits][g_nretired[old->bits]++] = old;
  g_index_deleted = 0;
}

}  // namespace

bool LockTableInit(uint32_t max_locks) {
  uint32_t bits = 1;
  while ((1u << bits) < 2 * max_locks) ++bits;
  g_index_max_bits = bits;
  g_index.store(NewIndexTable(bits < 12 ? bits : 12), std::memory_order_release);
  g_nodes_cap = max_locks + 1;
  g_nodes = static_cast<LockNode *>(MapZeroed(size_t{g_nodes_cap} * sizeof(LockNode)));
  g_pages = static_cast<PageEntry *>(MapZeroed((size_t{1} << kPageBits) * sizeof(PageEntry)));
  return g_index.load() && g_nodes && g_pages && g_graph.Init(g_nodes_cap);
}

bool PageHasLocks(uintptr_t page) {
  uint32_t mask = (1u << kPageBits) - 1;
  for (uint32_t i = static_cast<uint32_t>(Mix(page)) & mask, n = 0; n <= mask; i = (i + 1) & mask, ++n) {
    uintptr_t cur = g_pages[i].page.load(std::memory_order_acquire);
    if (cur == page) return g_pages[i].count.load(std::memory_order_acquire) > 0;
    if (cur == 0) return false;
  }
  return false;
}

uint32_t CreateNodeLocked(uintptr_t addr, uint8_t type, uint8_t flags, const uintptr_t *site,
                          int nsite) {
  uint32_t slot = FindSlot(addr);
  if (slot != 0) return slot;
  if (g_free_slot != 0) {
    slot = g_free_slot;
    g_free_slot = g_nodes[slot].next_free;
  } else if (g_nodes_used < g_nodes_cap) {
    slot = g_nodes_used++;
  } else {
    if (!g_locks_full_said) {
      g_locks_full_said = true;
      ReportMessage("lockgraph: max_locks reached: locks created from now on are not tracked "
                    "(raise LOCKGRAPH_OPTIONS=max_locks=N)");
    }
    return 0;
  }
  LockNode &n = g_nodes[slot];
  n.uid = g_next_uid++;
  n.type = type;
  if ((flags & kTagged) && type == kMutex &&
      (reinterpret_cast<const pthread_mutex_t *>(addr)->__data.__kind &
       (kMutexRobustBit | kMutexPsharedBit)) == 0)
    __atomic_store_n(TagWord(addr), kTagHigh | n.uid, __ATOMIC_RELAXED);
  else
    flags &= static_cast<uint8_t>(~kTagged);
  n.flags = flags;
  n.site_len = static_cast<uint8_t>(nsite);
  for (int i = 0; i < nsite; ++i) n.site[i] = site[i];
  RetireEdgesLocked(g_graph.ResetNode(slot, n.uid));
  n.addr.store(addr, std::memory_order_release);
  IndexTable *t = g_index.load(std::memory_order_relaxed);
  if ((uint64_t{g_live_locks} + g_index_deleted + 1) * 2 > t->mask + 1) {
    uint32_t bits = t->bits;
    while (bits < g_index_max_bits && (uint64_t{g_live_locks} + 1) * 3 > (uint64_t{1} << bits)) ++bits;
    RebuildIndexLocked(bits);
    t = g_index.load(std::memory_order_relaxed);
  }
  if (IndexPut(t, addr, slot)) --g_index_deleted;
  ++g_live_locks;
  PageAdd(addr, 1);
  return slot;
}

void ForgetNodeLocked(uintptr_t addr) {
  IndexTable *t = g_index.load(std::memory_order_relaxed);
  for (uint64_t i = IndexHash(addr) & t->mask;; i = (i + 1) & t->mask) {
    uint32_t slot = t->entries[i].load(std::memory_order_relaxed);
    if (slot == 0) return;
    if (slot != kDeletedSlot && g_nodes[slot].addr.load(std::memory_order_relaxed) == addr) {
      t->entries[i].store(kDeletedSlot, std::memory_order_release);
      LockNode &n = g_nodes[slot];
      n.addr.store(0, std::memory_order_release);
      // After the node is gone: a lookup that read the new epoch sees it gone.
      g_lock_epoch.value.fetch_add(1, std::memory_order_acq_rel);
      RetireEdgesLocked(g_graph.ResetNode(slot, 0));  // its edges leave the graph
      n.uid = 0;
      n.next_free = g_free_slot;
      g_free_slot = slot;
      --g_live_locks;
      PageAdd(addr, -1);
      if (++g_index_deleted > (t->mask + 1) / 4) RebuildIndexLocked(t->bits);
      return;
    }
  }
}

uint32_t NewNodeAt(uintptr_t addr, uint8_t type, uint8_t flags, const uintptr_t *site, int nsite) {
  InternalLockGuard guard(g_mu);
  return CreateNodeLocked(addr, type, flags, site, nsite < kSitePcs ? nsite : kSitePcs);
}

void OnLockInit(ThreadState *ts, const void *lock, uint8_t type, uint8_t flags) {
  uintptr_t addr = reinterpret_cast<uintptr_t>(lock);
  uintptr_t site[kSitePcs];
  int n = CallerPcs(ts, site, kSitePcs);
  HookWork work(ts);
  HeldByAnyThread(addr, 0, 0, /*lose=*/true, nullptr);  // a holder's record of the old life is lost
  InternalLockGuard guard(g_mu);
  ForgetNodeLocked(addr);  // a re-init starts a new life
  CreateNodeLocked(addr, type, flags | kSiteInit | kTagged, site, n);
}

uint32_t RenewNode(uintptr_t addr, uint8_t type, const uintptr_t *site, int nsite) {
  HookWork work(t_state);
  InternalLockGuard guard(g_mu);
  ForgetNodeLocked(addr);
  return CreateNodeLocked(addr, type, ReadLockFlags(reinterpret_cast<const void *>(addr), type) | kTagged,
                          site, nsite < kSitePcs ? nsite : kSitePcs);
}

void ForgetLocksIn(uintptr_t lo, uintptr_t hi) {
  HookWork work(t_state);
  InternalLockGuard guard(g_mu);
  for (uint32_t slot = 1; slot < g_nodes_used; ++slot) {
    uintptr_t a = g_nodes[slot].addr.load(std::memory_order_relaxed);
    if (a >= lo && a < hi) ForgetNodeLocked(a);
  }
}

namespace {
// The loaded segments of the object with load address `base` and name `name`.
struct Segments {
  uintptr_t base;
  const char *name;
  int n;
  uintptr_t lo[16], hi[16];
};

int FindSegments(struct dl_phdr_info *info, size_t, void *data) {
  Segments *s = static_cast<Segments *>(data);
  if (info->dlpi_addr != s->base || info->dlpi_name == nullptr || !StrEq(info->dlpi_name, s->name)) return 0;
  for (int i = 0; i < info->dlpi_phnum && s->n < 16; ++i) {
    const ElfW(Phdr) &ph = info->dlpi_phdr[i];
    if (ph.p_type != PT_LOAD) continue;
    s->lo[s->n] = info->dlpi_addr + ph.p_vaddr;
    s->hi[s->n] = s->lo[s->n] + ph.p_memsz;
    ++s->n;
  }
  return 1;
}
}  // namespace

int DlcloseTracked(void *handle) {
  // Which library this is, before it may be gone: its name and load address.
  static char name[4096];
  Segments seg = {};
  struct link_map *lm = nullptr;
  bool known = g_state.load(std::memory_order_acquire) == kReady && dlinfo(handle, RTLD_DI_LINKMAP, &lm) == 0 &&
               lm != nullptr && lm->l_name != nullptr && lm->l_name[0] != 0;
  if (known) {
    StrCopy(name, sizeof(name), lm->l_name);
    seg.base = lm->l_addr;
    seg.name = name;
    dl_iterate_phdr(FindSegments, &seg);
  }
  int rc = real.dlclose(handle);
  if (rc != 0 || !known || seg.n == 0) return rc;
  // Still loaded (other references)? Then its locks live on.
  Segments still = {};
  still.base = seg.base;
  still.name = name;
  dl_iterate_phdr(FindSegments, &still);
  if (still.n != 0) return rc;
  for (int i = 0; i < seg.n; ++i) ForgetLocksIn(seg.lo[i], seg.hi[i]);
  return rc;
}

}  // namespace lg
