// The twin of template_specializations_apart.cc: the fields of one specialization are still one
// datum. The mesh's `Array<Element>` grows under the mesh's mutex in the meshers, and without it in
// the loader thread's quick path: its `allocsize` update can be lost. Reported.
// STATIC-RUN:
#include <cstddef>
#include <mutex>
#include <thread>

template <class T> struct Array {
  T *data = nullptr;
  std::size_t size = 0, allocsize = 0;
};

struct Element { int pnums[4]; };

struct Mesh {
  std::mutex mutex;
  Array<Element> elements;
};

Mesh mesh;

static void loader() {
  for (int i = 0; i < 100; i++)
    mesh.elements.allocsize += 1;  // EXPECT: unlocked-rmw Mesh::elements.allocsize
}

static void mesher() {
  std::lock_guard<std::mutex> lock(mesh.mutex);
  mesh.elements.allocsize *= 2;
}

int main() {
  std::thread l(loader), a(mesher), b(mesher);
  l.join();
  a.join();
  b.join();
}
