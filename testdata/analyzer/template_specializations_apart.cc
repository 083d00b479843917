// netgen 6.2's `Array<T>` grows its storage in ReSize(): `nsize = 2 * allocsize; ...; allocsize =
// nsize;`. The mesh appends to its `Array<Element>` under the mesh's mutex; a loader thread fills
// the one `Array<Line>` only it touches without it. Objects of two specializations of one class template
// are never one object: `Array<Element>::allocsize` and `Array<Line>::allocsize` are different
// data, and the lock around the one says nothing of the other. Clean.
// (template_specialization_shared.cc: one specialization's field, locked in one thread and not in
// another, is reported. This small program names the two arrays by the objects their threads are
// given; netgen's tables reach theirs where the analyzer names the datum by its class alone,
// `netgen::Array::allocsize`, which the specialization's arguments now tell apart.)
// STATIC-RUN:
#include <cstddef>
#include <mutex>
#include <thread>

template <class T> class Array {
 public:
  void Append(const T &x) {
    if (size_ == allocsize_)
      ReSize(size_ + 1);
    data_[size_++] = x;
  }
  ~Array() { delete[] data_; }

 private:
  void ReSize(std::size_t minsize) {
    std::size_t nsize = 2 * allocsize_;
    if (nsize < minsize)
      nsize = minsize;
    T *p = new T[nsize];
    for (std::size_t i = 0; i < size_; i++)
      p[i] = data_[i];
    delete[] data_;
    data_ = p;
    allocsize_ = nsize;
  }
  T *data_ = nullptr;
  std::size_t size_ = 0, allocsize_ = 0;
};

struct Element { int pnums[4]; };
struct Line { int a, b; };

class Mesh {
 public:
  void AddElement(const Element &e) {
    std::lock_guard<std::mutex> lock(mutex_);
    elements_.Append(e);
  }

 private:
  std::mutex mutex_;
  Array<Element> elements_;
};

static Mesh mesh;
static Array<Line> lines;  // only the loader thread touches it

static void loader(Array<Line> *t) {
  for (int i = 0; i < 100; i++)
    t->Append(Line{i, i + 1});
}

static void mesher(Mesh *m, int id) { m->AddElement(Element{{id, 0, 0, 0}}); }

int main() {
  std::thread l(loader, &lines), a(mesher, &mesh, 1), b(mesher, &mesh, 2);
  l.join();
  a.join();
  b.join();
}
