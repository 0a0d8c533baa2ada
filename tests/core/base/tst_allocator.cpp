// base::tuneAllocatorForTensors: on glibc the settings are applied, and afterwards a large block freed
// and allocated again is served without returning memory to the kernel in between.
#include "base/allocator.h"

#include <QtTest>

#include <cstdlib>
#include <cstring>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

class TestAllocator : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void appliesOnGlibc()
    {
#if defined(__GLIBC__)
        QVERIFY(genrescope::base::tuneAllocatorForTensors());
        // A 16 MiB block is above glibc's default (dynamic) mmap threshold of 128 KiB at start-up; with the
        // tuned settings it comes from the heap, and freeing it keeps the heap's memory mapped.
        constexpr std::size_t kSize = 16u * 1024 * 1024;
        void *block = std::malloc(kSize);
        QVERIFY(block);
        std::memset(block, 1, kSize);
        const struct mallinfo2 before = mallinfo2();
        QVERIFY2(before.hblkhd < kSize, "the 16 MiB block was mmapped instead of taken from the heap");
        std::free(block);
        const struct mallinfo2 after = mallinfo2();
        QVERIFY2(after.arena >= kSize, "the heap was trimmed after the free");
#else
        QSKIP("not glibc: tuneAllocatorForTensors is a no-op here");
#endif
    }
};

QTEST_APPLESS_MAIN(TestAllocator)
#include "tst_allocator.moc"
