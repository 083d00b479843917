// Facts: what the analyzer learns about one translation unit, in a form that
// does not depend on Clang. The extractor (Extract.cpp) fills them per TU; they
// are written to the facts cache as JSON and merged program-wide by
// Analysis.cpp. Plain data: no locking; build one TUFacts per thread.
#ifndef LOCKGRAPH_ANALYZER_FACTS_H
#define LOCKGRAPH_ANALYZER_FACTS_H

#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace llvm {
class StringRef;
namespace json {
class Value;
}
}  // namespace llvm

namespace lockgraph {

// A source position (expansion location: a LOCK(m) macro use points at the
// macro use). `offset` orders events inside one function.
struct Site {
  std::string file;
  unsigned line = 0;
  unsigned col = 0;
  unsigned offset = 0;
  bool operator==(const Site &O) const { return file == O.file && line == O.line && col == O.col; }
  bool operator<(const Site &O) const;
};

// A note of an evidence chain ("A acquired here", "call to f()").
struct Note {
  Site site;
  std::string message;
};

// An object (a lock, or the object a lock or datum is a field of) named
// relative to the function it appears in:
//   root Global  + path []      the global/static lock `rootName`
//   root Param i + path [...]   (*param_i).path  — substituted at call sites
//   root This    + path [...]   (*this).path     — substituted at call sites
//   root Local   + path [...]   a local of the function (never crosses calls)
//   root Unknown + path [...]   something unnamed (a[i]->m, f()->m)
// A ref with a non-empty path is identified program-wide by its class and
// path ("Account::m"), lockdep style; the root then only tells instances apart.
// Except below a global object itself (root Global, not through a global pointer):
// that instance is known exactly, so the lock is its own ("_slave_mutex.sys_mutex",
// shown "_slave_mutex"): two globals of one struct type are two locks.
struct ObjRef {
  enum Root : std::uint8_t { Global, Param, This, Local, Unknown };
  Root root = Unknown;
  std::string rootName;  // Global: program-wide key; Local: variable name
  std::string display;   // Global: name as written; Param: the parameter's (`*mp`)
  int param = -1;
  std::string cls;       // record that declares path[0]
  std::vector<std::string> path;
  bool recursive = false;  // the lock's type is a recursive mutex
  // The lock as the class that declares it names it, where the lock call takes it
  // (`Poco::MutexImpl::_mutex` for what callers name `Pool::mutex_._mutex`): kept through
  // calls, so a constructor in another TU that makes that field recursive
  // (TUFacts::recursiveLocks) makes the caller's lock recursive too.
  std::string inner;
  // An object this function allocated and has not published yet (`c = calloc(..)` before it
  // is stored anywhere or passed on): no other thread can hold or wait for its locks, so they
  // take part in no lock-order edge.
  bool fresh = false;
  // The last field of `path` is the only lock of its record (icecast's mutex_t wraps one
  // pthread_mutex_t): below a global object the lock is shown by the object's name
  // (`thread_mutex_lock(&_slave_mutex)` takes '_slave_mutex').
  bool sole = false;
  // With `sole`: how many fields above the last one only lead to it (clucene's mutex_thread holds
  // one `Internal *_internal`, whose only lock is `mtx`): shown, they are hidden too
  // (`SCOPED_LOCK_MUTEX(Comparators_LOCK)` takes 'Comparators_LOCK', not 'Comparators_LOCK._internal').
  uint8_t wrapped = 0;
  // (a call's argument) The address of an automatic object of the caller's own frame that
  // starts no thread with it and stores it nowhere: data reached through it are unshared.
  bool automatic = false;
  // (a call's argument) C's inheritance: the record the argument points to, then its first
  // member and that member's record, and so on ("_GstPad", "object", "_GstObject"). A callee's
  // lock of one of those records through the parameter is the argument's record's lock
  // (`_GstPad::object.lock`, not `_GstObject::lock`; substituteRef).
  std::vector<std::string> embeds;
  // Where the last object reached through a pointer begins: path[hopAt..] are fields of one
  // object of record `hopCls` (`ep->worker->async.mutex`: hopAt 1, "ucp_worker"); 0 when the
  // whole path lies in the root's object. hopAt == path.size() with no hopCls: the ref is the
  // object its last field points to (a call's argument `ep->worker`), so a callee's fields
  // begin a new object (substituteRef).
  uint8_t hopAt = 0;
  std::string hopCls;

  // Named program-wide (usable as a lock-graph node)?
  bool isAbsolute() const { return (root == Global && path.empty()) || !path.empty(); }
  // Program-wide identity of an absolute ref.
  std::string key() const;
  // Class::path of a ref with a path (whatever its instance; key() when it has none): what
  // a lock of an unknown instance is compared with, and how data are named.
  std::string classKey() const;
  // The lock as the object that holds it names it, whatever reached that object
  // (`ucp_worker::async.thread.mutex` for `ep->worker->async.thread.mutex` too).
  std::string tailKey() const;
  // A path below a global object, or below the object a global pointer holds (rootName
  // "*name": clucene's lazily made `threadData_LOCK`): its key names that one instance.
  bool globalInstance() const { return root == Global && !path.empty() && !rootName.empty(); }
  // Name shown to users.
  std::string name() const;
  // Which instance ("G:x", "P0", "T", "L:x", "" unknown).
  std::string base() const;
  // Exact identity relative to the function: key + base, or the param/this.
  std::string ident() const;
  // ident() == O.ident(), without building either string (the dataflow compares held locks
  // by identity at every step).
  bool sameIdent(const ObjRef &O) const;
  bool operator==(const ObjRef &O) const { return sameIdent(O); }
};

// A lock held at some program point of a function.
struct Held {
  ObjRef ref;
  bool shared = false;
  bool trylock = false;
  std::vector<Note> notes;  // how it was acquired (in this function)
  // At an access: held on some paths to it only (Access::held is what any path holds), or
  // only by the contract that the caller holds it. Neither is evidence of what protects the
  // datum ("some"; the callers' real holds are, Analysis).
  bool some = false;
};

// A condition on a parameter's value under which an event of a function happens on every
// path that reaches it: param == k (eq) or param != k; with a mask, of some bits of it:
// (param & mask) == k or != k (`if (flags & FS_LOCK)`). At a call passing a constant that
// contradicts it, the event does not happen (`lookup(zone, /*lockit=*/0)` takes no lock,
// `free_syncop(so, FS_UNLINK)` neither).
// With `first`, of the first character of the string the parameter points to (a mode string:
// cups' `cupsFileOpen(name, "r")` only reaches the socket code under `case 's'` of
// `switch (mode[0])`): a string literal argument decides it.
// With a `path`, of a field of the object the parameter points to (or of the struct it is,
// passed by value): `path` names the fields from that object down ("Record::field" each,
// `stream->monitor` is {"lttng_consumer_stream::monitor"}), and the condition is on the
// field's value at the function's entry (Extractor::whenOf() says when a test is one). A call
// whose path knows that field of the object it passes (ArgRef::fieldFacts) decides it:
// lttng's clean_channel_stream_list() sets `stream->monitor = 0` and calls
// consumer_stream_destroy(stream, NULL), which locks only `if (stream->monitor)`.
// With `param` ThisObject, of a field of the object a method runs on that only its class's
// constructors write (Extractor::modeFields()): xrootd's XrdSysCondVar locks in Signal() only
// `if (relMutex)`, a field its constructor sets from its argument; a call on an object whose
// construction the caller sees (`cv(0)` in the owner's constructor) knows it (Call::thisArg's
// fieldFacts) and does not take that lock.
struct ParamCond {
  static constexpr int ThisObject = -2;
  int param = -1;
  bool eq = true;
  long long k = 0;
  long long mask = 0;  // 0: the whole value
  bool first = false;  // of `param[0]`, not of the parameter's value
  std::vector<std::string> path;
  // With `eq`: the value is k or one of these (sorted, without k): a test of several values
  // (`switch (obj->header.type) { case GRN_JA: case GRN_HASH: ... close_io(obj); }`).
  std::vector<long long> alt;
  bool operator==(const ParamCond &O) const {
    return param == O.param && eq == O.eq && k == O.k && mask == O.mask && first == O.first && path == O.path &&
           alt == O.alt;
  }
  // Does a value (all of it: the mask is applied here) satisfy the condition?
  bool admits(long long V) const {
    long long X = mask ? (V & mask) : V;
    bool In = X == k || std::binary_search(alt.begin(), alt.end(), X);
    return In == eq;
  }
};
// No value of the parameter satisfies both.
bool contradicts(const ParamCond &A, const ParamCond &B);

struct Acquire {
  ObjRef ref;
  bool shared = false;
  bool trylock = false;
  std::vector<Note> notes;  // acquisition evidence: wrapper calls, then the site
  std::vector<Held> held;
  // Locks the caller held at entry that this function released before here
  // (unlock ... lock inside a callee; a condition wait): no caller edge from them.
  std::vector<ObjRef> released;
  bool reacquire = false;  // re-taking a lock released here (condition wait, unlock/lock)
  std::vector<ParamCond> when;
  // The function destroys this lock too (`pthread_mutex_destroy(&f->lock)`): it tears the
  // object down, so no other thread holds a reference through which it could hold or wait
  // for the lock, and the lock takes no order edge from the locks held at this acquisition
  // (nor from a caller's).
  bool teardown = false;
  // Taken on a way that can only end the process for an error (`ThrowFatalException()`'s
  // teardown before `_exit(1)`, a fatal() that logs and exits; Extractor::dyingBlocks()): no
  // order edge into it from the other locks held (a relock of one of them is still a hang).
  bool dying = false;
  // Re-entry guards: flags (a global, static or thread-local scalar "G:<key>", a field
  // "F:Class::field") that were zero at the function's entry on every path to here, tested
  // by an early return (`if (in_log) return;`, `if (tsd_reentrancy_level_get(tsd) > 0)
  // return;`): a caller that set one of them does not get here.
  std::vector<std::string> unless;
};

struct ArgRef {
  std::optional<ObjRef> obj;  // the object the argument points to / refers to
  std::optional<long long> constant;  // an integer or null-pointer constant argument
  // A pointer the calling path knows is not null (`&x`, an array, `this`, a pointer after
  // `if (!p) return;`, an allocation after its NULL check): a callee's `if (p == NULL)`
  // branch is not taken (libusb_init()'s libusb_set_option(_ctx, ...)). Calls: "nn".
  bool nonNull = false;
  // A string literal argument: its first character (0 for ""). Calls: "s0".
  std::optional<long long> first;
  // A struct passed by value whose pointer fields point to known objects (a handle a callee
  // returned, `mod = modify_begin(t); ... modify_commit(mod)`): by field name, the object each
  // points to; a ref with an empty path carries in `cls` the record it points to. A callee's
  // ref through that parameter's field (`mod.topology->mtx`) is that object's (substituteRef).
  std::map<std::string, ObjRef> fields;
  // What the calling path knows of the fields of the object the argument points to (a
  // tracked pointer variable, `&s` of a struct variable) or of the struct it passes by value,
  // at the call: each a ParamCond with its `path` (its `param` unused, -1), `stream->monitor
  // == 0` after `stream->monitor = 0;`. A callee's condition on that field at its entry
  // (ParamCond::path) that contradicts one is not met. Calls: "ff".
  std::vector<ParamCond> fieldFacts;
  // An integer argument built from another by constant bits (`flags | IN_PGTABLE`, `mode &
  // ~LOCKED`): the bits it surely has set and surely has clear, whatever `obj` (the value the
  // bits were applied to, a parameter passed on) holds. A callee's test of those bits alone is
  // decided at the call; a test of other bits only is passed up on `obj`. Calls: "bits".
  long long bitsSet = 0, bitsClear = 0;
};

// Does `When` (conditions on a callee's parameters) hold at a call with these arguments?
// False when a constant argument (or a pointer known not null against `p == 0`, or a field the
// call's path knows, ArgRef::fieldFacts) contradicts one; otherwise `Out` gets the conditions that
// remain, on the caller's own parameters (an argument that is the caller's parameter
// passed through); conditions on anything else are dropped (they may hold), and so are those
// on a field (ParamCond::path): at the call the field may no longer hold the value the
// caller's own entry had.
// `This` is the call's object (Call::thisArg), for the conditions on its fields
// (ParamCond::ThisObject); without it they may hold.
bool conditionsAtCall(const std::vector<ParamCond> &When, const std::vector<ArgRef> &Args,
                      std::vector<ParamCond> &Out, const ArgRef *This = nullptr);

struct Call {
  std::string callee;      // function id (USR)
  std::string calleeName;
  Site site;
  std::vector<Held> held;
  std::vector<ArgRef> args;
  ArgRef thisArg;
  std::vector<ObjRef> released;  // caller-held locks this function released before the call
  std::vector<ParamCond> when;   // the call happens only when these hold
  bool loop = false;             // inside a loop of the caller's text: the callee may run many times
  // Reached only in the child of a fork() whose parent leaves the caller (`switch (fork()) {
  // case 0: break; default: return status; }`, mdadm's mdmon() per container): each time the
  // call runs it runs in a new process, so calls of the caller from a loop or from two places
  // do not make two threads of what the callee starts (Extractor::forkChildStmts()).
  bool forkChild = false;
  // Made on a way that can only end the process for an error (Acquire::dying): what the callee
  // takes makes no order edge from the locks the caller holds.
  bool dying = false;
  // Re-entry guards (Acquire::unless): the call happens only when these flags were zero at
  // the caller's entry; `flagsSet` are set (nonzero, incremented) on every path to the call
  // and not reset since; `flagsDirty` may have been written before the call in the caller
  // ("*": too many to list, any), so a callee's condition on them is none of the caller's.
  std::vector<std::string> unless, flagsSet, flagsDirty;
};

enum class AccessKind : std::uint8_t { Read, Write, Rmw };

struct Access {
  std::string var;   // program-wide key of the datum
  std::string name;  // display name
  AccessKind kind = AccessKind::Read;
  bool sharedRoot = false;  // a global, static, or captured-by-reference local
  bool split = false;       // temp = x; ...; x = temp - 1
  Site site;
  std::vector<Held> held;
  bool unnamedLock = false;  // a lock that cannot be named (a[i], f()->m) is held here
  // Made where a global flag is 0 whose nonzero value the same function takes a lock under
  // (mafft's `if (nthreadpair) { lock(m); jp->i += 1; unlock(m); } else jp->i++;`): the
  // single-threaded mode of code that locks only when threads run (Extractor; "mo").
  bool modeOff = false;
  const void *offFlag = nullptr;  // (extraction only: the flag, a VarDecl)
  // Global flags ("G:<key>") tested zero at the function's entry on every path here (as
  // Call::unless): with the function writing the flag once, the run-once initialisation's
  // body (`if (initialized) return; ...; initialized = 1;`, Analysis.cpp initOnly()).
  std::vector<std::string> unless;
  // Conditions on the function's parameters on every path here (as Call::when): an access in
  // `case GCRYCTL_SET_DEBUG_FLAGS:` of a switch on the command runs only for calls that can
  // pass that command (Analysis.cpp, condCtx()).
  std::vector<ParamCond> when;
  // The access goes through this parameter (`p->field`, `*p`): -1 when not. The analysis
  // names the datum by what the callers pass there (Analysis.cpp, originsOf()).
  int param = -1;
  // A member of one named object: of a global, or of an element of a global array (`g.n`,
  // `slots[i].hits`), not of an object reached through a pointer (`p->n`)
  bool globalObject = false;
  // Set: the access is to an object this function allocated and has not published yet
  // (stored, returned, handed to a call that may store it), when every condition holds:
  // "A:<id>" function <id> returns fresh memory (Function::allocIf), "K<i>:<id>" function
  // <id> keeps its parameter i (Function::keeps). Unset: an ordinary access. An access to an
  // object allocated by malloc/calloc/new itself, published nowhere, is not recorded at all.
  std::optional<std::vector<std::string>> unpub;
};

struct Spawn {
  // `entry` of a spawn whose routine is the function's own parameter: it only marks the
  // function a starter of what its callers pass (Extractor::recordSpawnNamed(); Analysis
  // drops it before counting entries).
  static constexpr const char *ParamEntry = "<param>";
  std::string entry;  // function id of the thread's start routine
  std::string entryName;
  Site site;
  bool multi = false;  // in a loop: more than one thread runs `entry`
  // The thread handle written by the spawn (pthread_create's `&tid`): "G:<global key>" or
  // "L:<function id>:<local>"; empty when it cannot be named. Matched with joinHandles.
  std::string handle;
  // A spawn through a wrapper (icecast2's thread_create(name, fn, arg, ...), tor's
  // spawn_func(fn, data)): the callee that receives `entry` as a thread-routine-shaped
  // function-pointer argument. It is a thread only when that callee itself starts one
  // (Analysis); empty for pthread_create, thrd_create and std::thread.
  std::string via;
  // Joined before the function returns, on every path (Extractor::joinedBeforeReturn()): a
  // join of `handle` after the start, under no condition or loop the start is not under, with
  // no return between them; a group's start in a loop joined in a loop. Such a thread runs only
  // during the call (Analysis.cpp, orderOf()).
  bool closed = false;
  // Started only in the child of a fork() whose parent leaves the function (Call::forkChild):
  // one thread per process, however often the function runs.
  bool forkChild = false;
  // Started under a test of a zero flag that the same branch sets (`if (!init_done) { ...;
  // pthread_create(...); init_done = 1; }`, mdk3's lazy sniffer starts) and that nothing in the
  // TU sets back to zero: one thread, however often the function runs, when only the main
  // thread runs it (Extractor::startedOnceByFlag()).
  bool once = false;
  // A handle behind a pointer, which `handle` does not name (`&svr->thread`): its class's
  // field, "C:<Class::field>". Not one object: only for whether starts of this kind are ever
  // joined (Analysis.cpp, preSpawn()). Empty where `handle` is set.
  std::string handleClass;
  // Locks the thread releases without having taken them, as the starting function names them
  // (Extractor::recordHandedLocks()): the start routine's net releases through its argument
  // (liburing's test locks its stack mutex, puts its address in the struct it starts the
  // receiver with, and locks it again to wait for the receiver's unlock). A later acquisition
  // of such a lock by the starter waits for that release: a hand-off, not a self-deadlock.
  std::vector<ObjRef> hands;
};

struct NetEffect {
  ObjRef ref;
  bool shared = false;
  bool trylock = false;
  // A blocking lock whose failure the function reports by returning nonzero (libbluray's
  // `int bd_mutex_lock(m) { ... if (pthread_mutex_lock(p)) { log; return -1; } return 0; }`):
  // held after the call, as a checked pthread_mutex_lock() is; a caller that tests the
  // result does not hold it where the call failed.
  bool checked = false;
  // Taken only where these conditions on the function's parameters hold (Summary::acquireWhen:
  // usrsctp's `sctp_findasoc_ep_asocid_locked(inp, id, want_lock)` returns the association
  // locked only `if (want_lock)`): a call whose constant arguments, or whose own parameter passed
  // on, do not meet them does not take it. Empty: on every way out.
  std::vector<ParamCond> when;
};

struct Function {
  std::string id;  // USR (stable across TUs)
  std::string name;
  Site site;
  bool isCtorOrDtor = false;
  std::vector<Acquire> acquires;
  std::vector<Call> calls;
  std::vector<Access> accesses;
  std::vector<Spawn> spawns;
  std::vector<Site> joins;
  std::vector<std::string> joinHandles;  // per join (may be shorter): the handle joined, as Spawn::handle
  std::vector<std::string> joinClasses;  // the joins' handles behind pointers, as Spawn::handleClass
  // Handles the function stores its own thread's id in (`main_thread = pthread_self()`): a join
  // of one of them elsewhere waits for the thread running this function.
  std::vector<std::string> selfHandles;
  std::vector<NetEffect> netAcquire;  // locks held at exit that were not at entry
  std::vector<ObjRef> netRelease;     // locks released that were not acquired here
  // Parallel to netRelease (or empty: every release unconditional): the conditions on the
  // parameters every release of that lock had (Summary::releaseWhen), for other TUs' calls:
  // slurm's unlock_slurmctld(lock_levels) gives back only the entities its levels name.
  std::vector<std::vector<ParamCond>> releaseWhen;
  std::vector<std::pair<std::string, std::string>> orderedBases;  // (P0,P1): compared by address/key
  // (P0,P1): no object is passed as both (pointers to distinct defined structs; roles the entry
  // checks tell apart, as long as those checks are compiled in). Two calls are taken not to swap
  // them; the function (or its caller) may still take their locks in both orders itself.
  std::vector<std::pair<std::string, std::string>> apartBases;
  // Set: every return of the function is null, an allocation (malloc, calloc, new, ...) or an
  // object it allocated and published nowhere, when these conditions hold (as Access::unpub:
  // the functions whose results it returns are allocators too, the calls it passed the object
  // to keep it). An allocation wrapper (rd_calloc, pa_xmalloc, g_malloc0).
  std::optional<std::vector<std::string>> allocIf;
  // Pointer parameters the function keeps: it stores them nowhere, returns them not, hands
  // them (or an address inside the object) to no call but ones that keep them too (the
  // conditions, as Access::unpub). An object fresh from an allocator passed there is still
  // unpublished after the call (librdkafka's rd_kafka_q_init0(rkq, ...)).
  std::map<int, std::vector<std::string>> keeps;
  // A function returning a struct by value (a lock handle: mongo-c-driver's
  // `mc_tpld_modify_begin(t)` locks t's mutex and returns `{.new_td = ..., .topology = t}`):
  // the pointer fields that every return sets to an object named by the parameters, this or
  // a global, by field name (refs as ArgRef::fields). The caller's copy of the struct
  // carries those objects, so a release through it (`mc_tpld_modify_commit(mod)` unlocking
  // `mod.topology->mtx`) is of the lock the call took.
  std::map<std::string, ObjRef> retFields;
  // A virtual method: the ids of the methods it overrides, all the way up (`Remote::dispatch`
  // overrides `Identity::dispatch`). A call of a method no TU defines (a pure virtual one)
  // takes the net effect every override in the program shares (the runner's summary table).
  std::vector<std::string> overrides;
  // Pointer parameters whose object the function tears down (it destroys a lock of theirs,
  // `pthread_rwlock_destroy(&self->pgt_lock)`): no other thread still uses that object, so
  // what the calls it makes do to the object says nothing of the object's locking.
  std::vector<int> tearsDown;
};

struct DeclaredOrder {  // ACQUIRED_BEFORE / ACQUIRED_AFTER
  std::string before, beforeName, after, afterName;
  Site site;
};

struct Guard {  // GUARDED_BY
  std::string var, lock;
};

// A function-pointer member or variable that this TU fills with a lock function
// (`cbs = {..., evthread_posix_lock, ...}`, `.xMutexEnter = pthreadMutexEnter`): a call
// through it is that lock operation. `key` is "fp:Record::field" (or "fp:<global key>"), the
// effect is the stored function's (one acquire, try or release of a lock reached from a
// parameter), `impl` names it.
struct LockTable {
  std::string key;
  std::string impl;
  std::vector<NetEffect> netAcquire;
  std::vector<ObjRef> netRelease;
  // Its functions reach the lock through a wrapper of their own (a driver method: zbar's
  // v4l2_nq()): a call releases or takes that field of the object it is given, where a lock
  // function's table names the object itself.
  bool method = false;
};

// A function-pointer member or variable ("fp:..." as LockTable::key) this TU fills with an
// allocator that makes a recursive mutex when its first argument has a bit of `mask` set
// (libevent's evthread_posix_lock_alloc(locktype) given EVTHREAD_LOCKTYPE_RECURSIVE; mask ~0:
// always recursive). Also "init:<function id>#<parameter>": a function that initialises the
// mutex it is given as that parameter, recursive (mask ~0) or not (mask 0).
struct RecursiveAlloc {
  std::string key;
  std::uint64_t mask = 0;
};

// A lock stored from a call through a function-pointer member or variable with a constant
// first argument (`buf->lock = lock_fns.alloc(LOCKTYPE_RECURSIVE)`, directly or through a
// local): `lock` is recursive when the table's allocator makes it so for `arg`. With an
// "init:..." key: a call passing `&lock` as that parameter (`arg` 1).
struct AllocSite {
  std::string key;
  std::uint64_t arg = 0;
  std::string lock;
};

// A call through a function-pointer member or variable ("fp:..." as LockTable::key) of the
// program's own, by function `fn` (Extractor::findCallbacks()).
struct FpCall {
  std::string fn, key;
  Site site;
};

struct TUFacts {
  std::string file;     // main source file
  bool failed = false;  // did not compile; facts are empty
  std::vector<Function> functions;
  std::vector<LockTable> lockTables;
  // The function-pointer members and variables this TU calls through ("fp:..." keys): the
  // runner parses it again when another TU's lock table names one of them.
  std::vector<std::string> indirectCalls;
  // Callbacks (thread attribution, Analysis): the functions this TU stores into
  // function-pointer members of its own records and into its own function-pointer variables
  // (key, function id), the calls through them, the functions whose address goes anywhere
  // else (escapes: their callers are unknown), and the members and variables read for
  // anything but a call, a store or a null test (leaks: a call through the copy is unseen).
  // A function handed to a library that calls it back is stored into a "lib:" key (its call's
  // own, or the library's event loop's) that the call, or the loop's runners, call through.
  std::vector<std::pair<std::string, std::string>> fpStores;
  std::vector<FpCall> fpCallSites;
  // Function-pointer parameters passed on (key, where to): what is stored in the first is
  // stored in the second too ("fp:param:<function>#<index>" keys).
  std::vector<std::pair<std::string, std::string>> fpFlows;
  std::vector<std::string> fnEscapes, fpLeaks;
  // External variables of the program's own code (USRs) this TU defines in its main file and
  // refers to: a program links the TU that defines a variable it uses (Programs.h), as it
  // links the one that defines a function it calls (minidlna's `event_module`, defined in
  // select.c and used only as a variable by main()).
  std::vector<std::string> globalsDefined, globalsUsed;
  std::vector<std::string> recursiveLocks;  // lock keys initialised as recursive
  // Member objects ("Owner::member") whose owner's constructors this TU defines, with what
  // they all give the member's mode fields (ParamCond::ThisObject; its `param` unused): a call
  // on that member in another TU (a method written in a header) knows them too (Analysis).
  std::vector<std::pair<std::string, std::vector<ParamCond>>> memberModes;
  // Private scalar fields ("Class::field") a method this TU defines changes: not fixed by the
  // constructor, whatever another TU (which does not see that method) thought (Analysis).
  std::vector<std::string> modeWritten;
  std::vector<RecursiveAlloc> recursiveAllocs;
  std::vector<AllocSite> allocSites;
  // Lock keys that reach a lock-like field through another field, with that field's own key
  // ("request::base.lock", "evdns_base::lock"), in TUs that use lock tables: recursive when the
  // field is (applyRecursiveAllocs).
  std::vector<std::pair<std::string, std::string>> lockPaths;
  std::vector<DeclaredOrder> orders;
  std::vector<Guard> guards;
  // Where the TU belongs (set by the runner, not the extractor): the programs it is
  // linked into by the build system's link information (empty: unknown), and which of
  // the file's compile commands this is (0: the first in the compile database).
  std::vector<std::string> programs;
  unsigned variant = 0;
};

// The net lock effect of functions, by function id: what the second pass of the
// runner gives the extractor so that wrappers defined in other TUs are applied.
struct FunctionSummary {
  std::vector<NetEffect> netAcquire;
  std::vector<ObjRef> netRelease;
  std::map<std::string, ObjRef> retFields;  // Function::retFields
  bool method = false;                      // (a lock table's) LockTable::method
  std::vector<std::vector<ParamCond>> releaseWhen;  // Function::releaseWhen
};
using SummaryTable = std::map<std::string, FunctionSummary>;

// Maps a ref relative to a callee into the caller at a call with these
// arguments (Param i -> what argument i points to, This -> the object the
// method was called on). Empty when the result cannot be named.
std::optional<ObjRef> substituteRef(const ObjRef &R, const std::vector<ArgRef> &Args, const ArgRef &This);

// Serialization (JSON). fromJSON returns false and sets `Err` on malformed input: not
// JSON, nested deeper than 64, or a member of the wrong type or range.
std::string toJSON(const TUFacts &F);
// The JSON reader under fromJSON (linear time, nesting at most 64 deep). The bytes of
// a \udc80-\udcff escape are kept in strings as U+10FF80-U+10FFFF (a json::Value holds
// only UTF-8): read strings through jsonStringBytes() to get the bytes back.
bool parseJsonText(const std::string &Text, llvm::json::Value &Out, std::string &Err);
std::string jsonStringBytes(llvm::StringRef S);
bool fromJSON(const std::string &Text, TUFacts &F, std::string &Err);

}  // namespace lockgraph

#endif
