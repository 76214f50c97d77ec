import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Like `runChild`, but measures the child's peak memory by sampling `VmHWM` in `/proc/PID/status` every 2 ms.
///
/// Why not `runChild`'s `wait4` figure: glibc's `posix_spawn` starts the child on the parent's address space
/// (`CLONE_VM | CLONE_VFORK`), and Linux carries that address space's high-water mark into the child's `ru_maxrss`
/// at `exec`, so every child reports at least the benchmark process's own resident size (33 MiB for both Leadline
/// and mbsync here). `VmHWM` belongs to the child's own address space after `exec`, and never decreases, so a late
/// sample still sees an earlier peak; only growth in the child's last 2 ms can be missed.
func runChildSampled(_ command: [String], environment: [String: String] = [:]) throws -> ChildRun {
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
    while true {
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
