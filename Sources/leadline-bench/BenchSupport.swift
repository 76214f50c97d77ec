import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An error of the benchmark harness itself (a reference tool missing, a child failing).
struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Wall-clock seconds of one call.
func measureSeconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

/// The median of a non-empty list.
func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    let middle = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

/// Peak resident memory of this process so far, in MiB (getrusage's ru_maxrss).
func peakMemoryMiB() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024
}

/// Current resident memory of this process, in MiB (from /proc/self/statm).
func currentMemoryMiB() -> Double {
    guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8),
          let pages = text.split(separator: " ").dropFirst().first.flatMap({ Double($0) })
    else { return 0 }
    return pages * Double(sysconf(Int32(_SC_PAGESIZE))) / 1_048_576
}

/// The result of running a reference tool as a child process.
struct ChildRun {
    var seconds: Double
    var peakMemoryMiB: Double
    var status: Int32
    var output: String
}

/// Runs `command` (looked up in PATH), measuring its wall time and its own peak memory.
///
/// Memory is the child's `VmHWM` (from `/proc/PID/status`), sampled every 2 ms until it exits: glibc's `posix_spawn`
/// starts the child on the parent's address space (`CLONE_VM | CLONE_VFORK`), and Linux carries that address
/// space's high-water mark into the child's `ru_maxrss` at `exec`, so `wait4`'s figure would report at least this
/// process's own size. `VmHWM` belongs to the child's address space after `exec` and never decreases, so a late
/// sample still sees an earlier peak; only growth in the child's last 2 ms can be missed.
/// Standard output and error go to a temporary file whose text is returned.
/// - Parameter samplingMemory: false for a child that reports its own peak (then `peakMemoryMiB` is 0): the parent
///   then waits without reading `/proc` every 2 ms, which on a 2-core machine takes time from the child it measures.
func runChild(_ command: [String], environment: [String: String] = [:], samplingMemory: Bool = true) throws -> ChildRun {
    let outPath = NSTemporaryDirectory() + "leadline-bench-\(getpid())-\(UInt32.random(in: 0 ... .max)).out"
    defer { unlink(outPath) }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    posix_spawn_file_actions_adddup2(&actions, 1, 2)
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    var env = ProcessInfo.processInfo.environment
    for (key, value) in environment { env[key] = value }
    let argv: [UnsafeMutablePointer<CChar>?] = command.map { strdup($0) } + [nil]
    let envp: [UnsafeMutablePointer<CChar>?] = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer { argv.forEach { free($0) }; envp.forEach { free($0) } }
    var pid: pid_t = 0
    let start = DispatchTime.now().uptimeNanoseconds
    let spawned = posix_spawnp(&pid, command[0], &actions, nil, argv, envp)
    guard spawned == 0 else { throw BenchError("cannot start \(command[0]): \(String(cString: strerror(spawned)))") }
    var status: Int32 = 0
    var peakKiB = 0
    while !samplingMemory {
        let done = waitpid(pid, &status, 0)
        if done == pid || (done < 0 && errno != EINTR) { break }
    }
    while samplingMemory {
        let done = waitpid(pid, &status, WNOHANG)
        if done == pid { break }
        if done < 0 && errno != EINTR { break }
        if let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
           let line = text.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
           let kib = line.split(separator: " ").dropFirst().first.flatMap({ Int($0) }) {
            peakKiB = max(peakKiB, kib)
        }
        usleep(2000)
    }
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    let output = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
    let exitStatus = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    return ChildRun(seconds: seconds, peakMemoryMiB: Double(peakKiB) / 1024, status: exitStatus, output: output)
}

/// True when `tool` is found in PATH.
func toolExists(_ tool: String) -> Bool {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    return path.split(separator: ":").contains { FileManager.default.isExecutableFile(atPath: "\($0)/\(tool)") }
}

/// Formats a number with a fixed count of decimals.
func fmt(_ value: Double, _ decimals: Int = 2) -> String {
    String(format: "%.\(decimals)f", value)
}

/// Checks the harness itself: times a child process and reports this process's memory.
func runSelfCheck(_ arguments: [String]) throws {
    let child = try runChild(["python3", "-c", "x = bytearray(50 * 1024 * 1024)"])
    guard child.status == 0 else { throw BenchError("python3 failed: \(child.output)") }
    var own: [Double] = []
    for _ in 0 ..< 3 {
        own.append(measureSeconds { _ = (0 ..< 1_000_000).reduce(0, &+) })
    }
    print("python3 child: \(fmt(child.seconds, 3)) s, peak \(fmt(child.peakMemoryMiB, 1)) MiB")
    print("self-check: own peak \(fmt(peakMemoryMiB(), 1)) MiB; time ratio \(fmt(median(own) / child.seconds, 3)) vs python3 startup")
}
