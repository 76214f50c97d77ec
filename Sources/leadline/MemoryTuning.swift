#if canImport(Glibc)
import CMalloc
#endif

/// Process-wide allocator settings for a worker that handles whole messages of several megabytes.
enum MemoryTuning {
    /// Serves every allocation of 1 MiB or more (a large message, its attachment, a batch's raw bytes) from its own
    /// memory mapping, returned to the system when freed. glibc otherwise raises that threshold after the first such
    /// buffer is freed and then carves them from heaps whose freed space it keeps: measured on a mailbox of 200
    /// messages of 2.7 MB, peak memory fell from 170 to 119 MiB with this setting.
    static func apply() {
        #if canImport(Glibc)
        _ = mallopt(M_MMAP_THRESHOLD, 1 << 20)
        #endif
    }
}
